package io.istgt.telemetry.analytics.health;

import io.istgt.telemetry.history.HistoryWriterListener;
import io.istgt.telemetry.history.WriterFailure;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The history writer's Prometheus metrics, all prefixed {@code istgt_history_writer_}, fed by the writer as its
 * {@link HistoryWriterListener}. Topics label the series: a live topic for what is read, a history topic for
 * what is written.
 */
public final class HistoryWriterMetrics implements HistoryWriterListener {

    /** The failures kind label besides the writer's retried ones: an unexpected error that stopped the writer. */
    static final String FATAL = "fatal";

    private final InstantSource clock;
    // withoutExemplars(): nothing here is traced, and the exemplar sampler costs a thread (see CollectorMetrics).
    private final Counter read;
    private final Counter skipped;
    private final Counter blocks;
    private final Counter recordsWritten;
    private final Gauge behind;
    private final Gauge lastSuccess;
    private final Counter failures;

    public HistoryWriterMetrics(PrometheusRegistry registry, InstantSource clock) {
        this.clock = clock;
        read = Counter.builder().name("istgt_history_writer_records_read")
                .help("Status records read from a live topic and taken into blocks").labelNames("topic")
                .withoutExemplars().register(registry);
        skipped = Counter.builder().name("istgt_history_writer_records_skipped")
                .help("Status records of a live topic skipped because they do not decode (logged with their offset)")
                .labelNames("topic").withoutExemplars().register(registry);
        blocks = Counter.builder().name("istgt_history_writer_blocks_written")
                .help("Blocks the broker acknowledged in a history topic").labelNames("topic")
                .withoutExemplars().register(registry);
        recordsWritten = Counter.builder().name("istgt_history_writer_block_records_written")
                .help("Status records in the blocks the broker acknowledged in a history topic").labelNames("topic")
                .withoutExemplars().register(registry);
        behind = Gauge.builder().name("istgt_history_writer_records_behind")
                .help("Records in a live topic's partitions (those this instance reads) past what the writer has"
                        + " read: its consumer lag, measured every 5 s")
                .labelNames("topic").withoutExemplars().register(registry);
        lastSuccess = Gauge.builder().name("istgt_history_writer_last_success_timestamp_seconds")
                .help("When the broker last acknowledged a block in a history topic, seconds since the epoch")
                .labelNames("topic").withoutExemplars().register(registry);
        failures = Counter.builder().name("istgt_history_writer_failures")
                .help("Failures by kind: registry and broker ones are retried after a back-off; fatal is an"
                        + " unexpected error that stopped the writer (the program then reports itself not alive)")
                .labelNames("kind").withoutExemplars().register(registry);
        // Every kind from the start, at zero: a rate over a series that appears only with its first failure misses it.
        for (WriterFailure.Kind kind : WriterFailure.Kind.values()) {
            failures.labelValues(kind.label());
        }
        failures.labelValues(FATAL);
    }

    @Override
    public void recordsRead(String liveTopic, int records) {
        read.labelValues(liveTopic).inc(records);
    }

    @Override
    public void recordSkipped(String liveTopic) {
        skipped.labelValues(liveTopic).inc();
    }

    @Override
    public void blockWritten(String historyTopic, int records) {
        blocks.labelValues(historyTopic).inc();
        recordsWritten.labelValues(historyTopic).inc(records);
        lastSuccess.labelValues(historyTopic).set(clock.millis() / 1000.0);
    }

    @Override
    public void recordsBehind(String liveTopic, long records) {
        behind.labelValues(liveTopic).set(records);
    }

    @Override
    public void retrying(WriterFailure failure) {
        failures.labelValues(failure.kind().label()).inc();
    }

    @Override
    public void stopped(Optional<Throwable> cause) {
        if (cause.isPresent()) {
            failures.labelValues(FATAL).inc();
        }
    }
}
