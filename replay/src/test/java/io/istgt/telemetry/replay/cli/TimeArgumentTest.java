package io.istgt.telemetry.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {

    private static final Instant NOW = Instant.parse("2026-11-25T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void shouldReadInstantsWithAZoneOrAnOffset() {
        assertThat(parse("2026-11-25T02:10:00Z")).isEqualTo("2026-11-25T02:10:00Z");
        assertThat(parse("2026-11-25T03:10:00+01:00")).isEqualTo("2026-11-25T02:10:00Z");
        assertThat(parse("2026-11-25T03:10:00+01:00[Europe/Berlin]")).isEqualTo("2026-11-25T02:10:00Z");
    }

    @Test
    void shouldReadLocalTimesInTheChosenZone() {
        assertThat(parse("2026-11-25T03:10")).isEqualTo("2026-11-25T02:10:00Z");
        assertThat(parse("2026-11-25 03:10:30")).isEqualTo("2026-11-25T02:10:30Z");
        assertThat(parse("2026-07-01 03:10")).isEqualTo("2026-07-01T01:10:00Z");
        assertThat(parse("2026-11-25")).isEqualTo("2026-11-24T23:00:00Z");
    }

    @Test
    void shouldReadTimesRelativeToNow() {
        assertThat(parse("now")).isEqualTo("2026-11-25T03:00:00Z");
        assertThat(parse("-30m")).isEqualTo("2026-11-25T02:30:00Z");
        assertThat(parse("-1h30m")).isEqualTo("2026-11-25T01:30:00Z");
        assertThat(parse("-2d")).isEqualTo("2026-11-23T03:00:00Z");
        assertThat(parse("-90s")).isEqualTo("2026-11-25T02:58:30Z");
    }

    @Test
    void shouldNameTheOptionAndTheAcceptedFormsWhenItCannotRead() {
        assertThatThrownBy(() -> TimeArgument.parse("--from", "yesterday", BERLIN, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--from: cannot read 'yesterday' as a time;")
                .hasMessageContaining("-30m");
        assertThatThrownBy(() -> TimeArgument.parse("--to", " ", BERLIN, CLOCK))
                .hasMessageStartingWith("--to: no time given");
    }

    @Test
    void shouldReadDurations() {
        assertThat(TimeArgument.parseDuration("--warmup", "5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(TimeArgument.parseDuration("--warmup", "1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(TimeArgument.parseDuration("--warmup", "PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> TimeArgument.parseDuration("--warmup", "soon"))
                .hasMessageStartingWith("--warmup: cannot read 'soon' as a duration");
    }

    private static String parse(String text) {
        return TimeArgument.parse("--from", text, BERLIN, CLOCK).toString();
    }
}
