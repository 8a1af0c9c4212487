package io.istgt.telemetry.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HistoryWriterHealthTest {

    private static final Instant START = Instant.parse("2026-12-07T06:00:00Z");
    private static final WriterFailure REGISTRY_DOWN = new WriterFailure(WriterFailure.Kind.REGISTRY,
            "cannot send a block of {\"iqn\": \"iqn.a\"} to istgt.volume.history: schema registry unreachable");

    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final HistoryWriterHealth health = new HistoryWriterHealth(now::get, Duration.ofMinutes(5));

    @Test
    void shouldBeReadyAndAliveWhileItWorks() {
        health.recordsRead("istgt.volume.status", 12);
        health.recordsBehind("istgt.volume.status", 3);
        health.blockWritten("istgt.volume.history", 60);

        assertThat(health.notReadyReason()).isEmpty();
        assertThat(health.alive()).isTrue();
    }

    @Test
    void shouldSayWhatItRetriesAndSinceWhenUntilTheFailureIsOver() {
        health.retrying(REGISTRY_DOWN);
        later(Duration.ofSeconds(7));
        health.retrying(REGISTRY_DOWN);

        assertThat(health.notReadyReason()).contains("the history writer is retrying since 2026-12-07T06:00:00Z"
                + " (2 failures in a row), last: cannot send a block of {\"iqn\": \"iqn.a\"} to istgt.volume.history:"
                + " schema registry unreachable");
        assertThat(health.alive()).as("an outage is no reason to restart").isTrue();

        health.recovered();

        assertThat(health.notReadyReason()).isEmpty();
    }

    @Test
    void shouldCountAFreshRunOfFailuresFromItsOwnStart() {
        health.retrying(REGISTRY_DOWN);
        health.recovered();
        later(Duration.ofMinutes(1));

        health.retrying(new WriterFailure(WriterFailure.Kind.BROKER, "Timeout of 60000ms expired before the"
                + " position for partition istgt.replica.status-2 could be determined"));

        assertThat(health.notReadyReason()).contains("the history writer is retrying since 2026-12-07T06:01:00Z"
                + " (1 failure), last: Timeout of 60000ms expired before the position for partition"
                + " istgt.replica.status-2 could be determined");
    }

    @Test
    void shouldBeNeitherReadyNorAliveOnceAnUnexpectedErrorStoppedIt() {
        health.stopped(Optional.of(new IllegalStateException("a block of no records")));

        assertThat(health.notReadyReason()).contains("the history writer stopped on an unexpected error"
                + " (IllegalStateException: a block of no records); it writes no history until the program restarts");
        assertThat(health.alive()).isFalse();
    }

    @Test
    void shouldNotBeReadyButAliveOnceClosed() {
        health.stopped(Optional.empty());

        assertThat(health.notReadyReason()).contains("the history writer is stopped");
        assertThat(health.alive()).isTrue();
    }

    @Test
    void shouldCallItStalledWhenRecordsWaitAndNothingMovedForTheLimit() {
        health.recordsRead("istgt.volume.status", 5);
        health.recordsBehind("istgt.volume.status", 40);
        health.recordsBehind("istgt.replica.status", 0);
        later(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(health.notReadyReason()).as("within the limit").isEmpty();

        later(Duration.ofSeconds(1));

        assertThat(health.notReadyReason()).contains("the history writer has read and written nothing for 300 s"
                + " while 40 records wait (istgt.volume.status: 40)");
    }

    @Test
    void shouldNotCallItStalledWhenNothingWaits() {
        health.recordsBehind("istgt.volume.status", 0);
        later(Duration.ofHours(1));

        assertThat(health.notReadyReason()).isEmpty();
    }

    @Test
    void shouldCountTheStallFromTheEndOfARetryNotFromBeforeIt() {
        health.recordsBehind("istgt.volume.status", 40);
        health.retrying(REGISTRY_DOWN);
        later(Duration.ofMinutes(30));
        health.recovered();

        assertThat(health.notReadyReason()).isEmpty();
    }

    @Test
    void shouldRefuseAStallLimitThatIsNotPositive() {
        assertThatThrownBy(() -> new HistoryWriterHealth(now::get, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the stall limit must be positive: PT0S");
    }

    private void later(Duration d) {
        now.set(now.get().plus(d));
    }
}
