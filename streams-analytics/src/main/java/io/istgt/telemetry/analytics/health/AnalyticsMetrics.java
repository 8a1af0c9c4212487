package io.istgt.telemetry.analytics.health;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.InstantSource;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The analytics program's Prometheus registry: the Kafka Streams app's state ({@code istgt_analytics_}) and the
 * history writer's metrics ({@link HistoryWriterMetrics}, {@code istgt_history_writer_}).
 */
public final class AnalyticsMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HistoryWriterMetrics historyWriter;

    public AnalyticsMetrics(InstantSource clock) {
        this.historyWriter = new HistoryWriterMetrics(registry, clock);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** The listener to give the history writer. */
    public HistoryWriterMetrics historyWriter() {
        return historyWriter;
    }

    /**
     * Serves the Kafka Streams app's state as one series per state, 1 for the current one (a state set, as
     * Prometheus models an enum), read at each scrape.
     */
    public void watchStreams(Supplier<KafkaStreams.State> state) {
        GaugeWithCallback.builder().name("istgt_analytics_streams_state")
                .help("The Kafka Streams app's state: 1 for the current one (RUNNING when it processes), 0 for the"
                        + " others")
                .labelNames("state")
                .callback(cb -> {
                    KafkaStreams.State now = state.get();
                    for (KafkaStreams.State s : KafkaStreams.State.values()) {
                        cb.call(s == now ? 1 : 0, s.name());
                    }
                })
                .register(registry);
    }
}
