package io.istgt.telemetry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsAndSettingsTest {

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S,500ms", "10s,PT10S,10s", "1m,PT1M,1m", "2h,PT2H,2h", "1500ms,PT1.5S,1500ms",
            "120s,PT2M,2m", "0s,PT0S,0s"})
    void shouldParseAndFormatOperatorDurations(String text, Duration expected, String formatted) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
        assertThat(Durations.format(expected)).isEqualTo(formatted);
    }

    @Test
    void shouldRejectADurationWithoutAUnitOrWithAFraction() {
        assertThatThrownBy(() -> Durations.parse("1.5s"))
                .hasMessage("invalid duration '1.5s': expected a whole number and a unit, e.g. 500ms, 10s, 1m, 2h");
        assertThatThrownBy(() -> Durations.parse("10"))
                .hasMessage("invalid duration '10': expected a whole number and a unit, e.g. 500ms, 10s, 1m, 2h");
    }

    @Test
    void shouldDefaultToFiveSecondsAndA64KibLineCap() {
        assertThat(ClientSettings.defaults()).isEqualTo(new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 65536));
    }

    @Test
    void shouldRejectSettingsThatCouldNeverWork() {
        assertThatThrownBy(() -> ClientSettings.withTimeout(Duration.ZERO))
                .hasMessage("connectTimeout must be at least 1 ms, got PT0S");
        assertThatThrownBy(() -> ClientSettings.defaults().withMaxLineBytes(4095))
                .hasMessage("maxLineBytes must be at least 4096 (istgt's line limit), got 4095");
    }

    @Test
    void shouldSayWhichKindsAreWorthRetrying() {
        assertThat(ErrorKind.values()).filteredOn(ErrorKind::retriable).containsExactly(ErrorKind.NO_SOCKET,
                ErrorKind.CONNECTION_REFUSED, ErrorKind.TIMEOUT, ErrorKind.ERR_REPLY, ErrorKind.CONNECTION_CLOSED,
                ErrorKind.IO_ERROR);
    }
}
