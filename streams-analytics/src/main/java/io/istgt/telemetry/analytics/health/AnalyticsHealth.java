package io.istgt.telemetry.analytics.health;

import io.istgt.telemetry.history.HistoryWriterHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The analytics program's readiness and liveness: ready while the Kafka Streams app is RUNNING and the history
 * writer (when it runs) is ready; alive until Kafka Streams has stopped for good (ERROR, NOT_RUNNING) or an
 * unexpected error stopped the history writer, so that a supervisor restarts the program.
 */
public final class AnalyticsHealth {

    private final Supplier<KafkaStreams.State> streams;
    private final Optional<HistoryWriterHealth> historyWriter;
    private final Supplier<Optional<String>> waitingFor;
    private final Supplier<Optional<String>> refused;

    /** @param historyWriter the history writer's health, empty when the program runs no writer */
    public AnalyticsHealth(Supplier<KafkaStreams.State> streams, Optional<HistoryWriterHealth> historyWriter) {
        this(streams, historyWriter, Optional::empty, Optional::empty);
    }

    /**
     * @param waitingFor what Kafka Streams waits for before it starts (its input topics), empty once started
     * @param refused    Kafka's refusal that stopped Kafka Streams (who was refused what), empty while none did
     */
    public AnalyticsHealth(Supplier<KafkaStreams.State> streams, Optional<HistoryWriterHealth> historyWriter,
                           Supplier<Optional<String>> waitingFor, Supplier<Optional<String>> refused) {
        this.streams = streams;
        this.historyWriter = historyWriter;
        this.waitingFor = waitingFor;
        this.refused = refused;
    }

    /** Why the program is not ready, every reason there is, or empty when it is. */
    public Optional<String> notReadyReason() {
        List<String> why = new ArrayList<>(2);
        KafkaStreams.State state = streams.get();
        Optional<String> waiting = waitingFor.get();
        Optional<String> refusal = refused.get();
        if (refusal.isPresent()) {
            why.add(refusal.get());
        } else if (waiting.isPresent() && state == KafkaStreams.State.CREATED) {
            why.add(waiting.get());
        } else if (state != KafkaStreams.State.RUNNING) {
            why.add("Kafka Streams is " + state + ", not RUNNING" + switch (state) {
                case CREATED -> " (not started yet)";
                case REBALANCING -> " (partitions being assigned, or state restored from the changelogs)";
                case PENDING_SHUTDOWN, NOT_RUNNING -> " (the program is stopping)";
                case PENDING_ERROR, ERROR -> " (its stream threads failed: see the log)";
                case RUNNING -> "";
            });
        }
        historyWriter.flatMap(HistoryWriterHealth::notReadyReason).ifPresent(why::add);
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    /** False once Kafka Streams or the history writer has stopped for good: only a restart brings them back. */
    public boolean alive() {
        boolean streamsAlive = switch (streams.get()) {
            case PENDING_ERROR, ERROR, NOT_RUNNING -> false;
            case CREATED, REBALANCING, RUNNING, PENDING_SHUTDOWN -> true;
        };
        return streamsAlive && historyWriter.map(HistoryWriterHealth::alive).orElse(true);
    }
}
