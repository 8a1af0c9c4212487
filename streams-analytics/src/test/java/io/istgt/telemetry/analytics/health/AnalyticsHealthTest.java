package io.istgt.telemetry.analytics.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.history.HistoryWriterHealth;
import io.istgt.telemetry.history.WriterFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class AnalyticsHealthTest {

    private final AtomicReference<State> streams = new AtomicReference<>(State.RUNNING);
    private final HistoryWriterHealth writer = new HistoryWriterHealth(() -> Instant.parse("2026-12-07T06:00:00Z"),
            Duration.ofMinutes(5));
    private final AnalyticsHealth health = new AnalyticsHealth(streams::get, Optional.of(writer));

    @Test
    void shouldBeReadyWhileStreamsRunsAndTheWriterWorks() {
        assertThat(health.notReadyReason()).isEmpty();
        assertThat(health.alive()).isTrue();
    }

    @Test
    void shouldSayTheStreamsStateWhileItIsNotRunning() {
        streams.set(State.REBALANCING);

        assertThat(health.notReadyReason()).contains("Kafka Streams is REBALANCING, not RUNNING (partitions being"
                + " assigned, or state restored from the changelogs)");
        assertThat(health.alive()).isTrue();
    }

    @Test
    void shouldSayWhatStreamsWaitsForBeforeItStarts() {
        streams.set(State.CREATED);
        AnalyticsHealth waiting = new AnalyticsHealth(streams::get, Optional.empty(),
                () -> Optional.of("waiting for topic istgt.volume.status to exist"), Optional::empty);

        assertThat(waiting.notReadyReason()).contains("waiting for topic istgt.volume.status to exist");
        assertThat(waiting.alive()).as("waiting is no failure").isTrue();

        streams.set(State.REBALANCING);
        assertThat(waiting.notReadyReason()).as("once started, the state says more than the wait did")
                .hasValueSatisfying(r -> assertThat(r).startsWith("Kafka Streams is REBALANCING"));
    }

    @Test
    void shouldSayWhoKafkaRefusedWhatOnceStreamsStoppedForIt() {
        streams.set(State.ERROR);
        AnalyticsHealth refused = new AnalyticsHealth(streams::get, Optional.empty(), Optional::empty,
                () -> Optional.of("Kafka refused SASL user 'istgt-analytics' (SCRAM-SHA-512) to run Kafka Streams"));

        assertThat(refused.notReadyReason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("Kafka refused SASL user 'istgt-analytics' (SCRAM-SHA-512) to run Kafka Streams"));
        assertThat(refused.alive()).isFalse();
    }

    @Test
    void shouldGiveEveryReasonThereIs() {
        streams.set(State.CREATED);
        writer.retrying(new WriterFailure(WriterFailure.Kind.REGISTRY, "cannot decode istgt.volume.status-2@17:"
                + " schema registry unreachable"));

        assertThat(health.notReadyReason()).contains("Kafka Streams is CREATED, not RUNNING (not started yet); the"
                + " history writer is retrying since 2026-12-07T06:00:00Z (1 failure), last: cannot decode"
                + " istgt.volume.status-2@17: schema registry unreachable");
        assertThat(health.alive()).isTrue();
    }

    @Test
    void shouldNotBeAliveOnceStreamsFailedOrStopped() {
        for (State state : new State[] {State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING}) {
            streams.set(state);

            assertThat(health.alive()).as(state.name()).isFalse();
        }
    }

    @Test
    void shouldNotBeAliveOnceTheWriterDied() {
        writer.stopped(Optional.of(new IllegalStateException("a block of no records")));

        assertThat(health.alive()).isFalse();
        assertThat(health.notReadyReason()).contains("the history writer stopped on an unexpected error"
                + " (IllegalStateException: a block of no records); it writes no history until the program restarts");
    }

    @Test
    void shouldLeaveTheWriterOutWhenNoneRuns() {
        AnalyticsHealth withoutWriter = new AnalyticsHealth(streams::get, Optional.empty());

        assertThat(withoutWriter.notReadyReason()).isEmpty();
        assertThat(withoutWriter.alive()).isTrue();
    }
}
