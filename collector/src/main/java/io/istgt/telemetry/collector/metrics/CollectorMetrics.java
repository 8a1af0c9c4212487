package io.istgt.telemetry.collector.metrics;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.kafka.SinkListener;
import io.istgt.telemetry.collector.run.PollListener;
import io.istgt.telemetry.collector.run.PollScheduler;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * The collector's own Prometheus metrics, all prefixed {@code istgt_collector_}. Per-target series are removed
 * when a target stops being polled. Latency histograms carry no target label: with thousands of targets a
 * per-target histogram would be thousands of series per bucket.
 */
public final class CollectorMetrics implements PollListener, PollScheduler.Listener, SinkListener {

    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();

    // withoutExemplars(): the collector has no tracer to give exemplars, and the client's exemplar sampler costs a
    // scheduler thread about 1.3 % of a core at 1000 polls a second (docs/benchmarks.md, benchmark 2).
    private final Counter polls = Counter.builder().name("istgt_collector_polls")
            .help("Polls by target and outcome (success: records of a snapshot; failure: failure records)")
            .labelNames("target", "outcome").withoutExemplars().register(registry);
    private final Counter pollFailures = Counter.builder().name("istgt_collector_poll_failures")
            .help("Failed polls by target and error kind (no_socket, connection_refused, timeout, err_reply, ...)")
            .labelNames("target", "kind").withoutExemplars().register(registry);
    private final Counter skipped = Counter.builder().name("istgt_collector_polls_skipped")
            .help("Poll slots skipped because the target's previous poll was still running")
            .labelNames("target").withoutExemplars().register(registry);
    private final Gauge lastSuccess = Gauge.builder().name("istgt_collector_last_success_timestamp_seconds")
            .help("Collection time of the target's last successful poll, seconds since the epoch")
            .labelNames("target").withoutExemplars().register(registry);
    private final Histogram pollDuration = Histogram.builder().name("istgt_collector_poll_duration_seconds")
            .help("Time a poll took, connect to last reply (or failure)")
            .classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
    private final Histogram lateness = Histogram.builder().name("istgt_collector_schedule_lateness_seconds")
            .help("How long after its slot a poll started")
            .classicOnly().classicUpperBounds(LATENCY_BUCKETS).withoutExemplars().register(registry);
    private final Counter recordsSent = Counter.builder().name("istgt_collector_records_sent")
            .help("Records Kafka acknowledged (drained from the spool), by topic").labelNames("topic").withoutExemplars().register(registry);
    private final Counter sendErrors = Counter.builder().name("istgt_collector_send_errors")
            .help("Sends that failed, by topic and error (the record stays in the spool when the error is retriable)")
            .labelNames("topic", "error").withoutExemplars().register(registry);
    private final Counter dropped = Counter.builder().name("istgt_collector_records_dropped")
            .help("Records given up, by reason: spool_full (the spool's oldest, over its size cap; announced in a"
                    + " gap notice), spool_error (the spool could not be written), rejected (a record Kafka refused"
                    + " for itself: too large, invalid)")
            .labelNames("reason").withoutExemplars().register(registry);
    private final Counter spooled = Counter.builder().name("istgt_collector_records_spooled")
            .help("Records written to the on-disk spool (every record goes through it)").withoutExemplars().register(registry);
    private final Counter foundInKafka = Counter.builder().name("istgt_collector_spool_records_found_in_kafka")
            .help("Records of an interrupted delivery found in Kafka already, so not sent twice").withoutExemplars().register(registry);
    private final Counter damaged = Counter.builder().name("istgt_collector_spool_damaged_entries")
            .help("Torn or damaged spool entries skipped (length or CRC wrong), e.g. the tail a crash left")
            .withoutExemplars().register(registry);
    private final Gauge spoolRecords = Gauge.builder().name("istgt_collector_spool_records")
            .help("Records in the spool not yet delivered to Kafka").withoutExemplars().register(registry);
    private final Gauge spoolBytes = Gauge.builder().name("istgt_collector_spool_bytes")
            .help("Size of the spool's files on disk").withoutExemplars().register(registry);

    /** @param targets how many targets are polled now */
    public CollectorMetrics(IntSupplier targets) {
        GaugeWithCallback.builder().name("istgt_collector_targets").help("Targets polled now")
                .callback(cb -> cb.call(targets.getAsInt())).register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void succeeded(String target, IstgtSnapshot snapshot, Duration took, int records) {
        polls.labelValues(target, "success").inc();
        pollDuration.observe(seconds(took));
        lastSuccess.labelValues(target).set(snapshot.collectedAt().toEpochMilli() / 1000.0);
    }

    @Override
    public void failed(String target, ErrorKind kind, Duration took, int records) {
        polls.labelValues(target, "failure").inc();
        pollFailures.labelValues(target, kind.name().toLowerCase(Locale.ROOT)).inc();
        pollDuration.observe(seconds(took));
    }

    @Override
    public void removed(String target) {
        polls.removeIf(labels -> labels.getFirst().equals(target));
        pollFailures.removeIf(labels -> labels.getFirst().equals(target));
        skipped.remove(target);
        lastSuccess.remove(target);
    }

    @Override
    public void started(String target, long latenessNanos) {
        lateness.observe(latenessNanos / 1e9);
    }

    @Override
    public void skipped(String target) {
        skipped.labelValues(target).inc();
    }

    @Override
    public void delivered(String topic) {
        recordsSent.labelValues(topic).inc();
    }

    @Override
    public void sendFailed(String topic, String error) {
        sendErrors.labelValues(topic, error).inc();
    }

    @Override
    public void dropped(String reason, int records) {
        dropped.labelValues(reason).inc(records);
    }

    @Override
    public void spooled(int records) {
        spooled.inc(records);
    }

    @Override
    public void foundInKafka(int records) {
        foundInKafka.inc(records);
    }

    @Override
    public void damaged(long entries) {
        damaged.inc(entries);
    }

    @Override
    public void spoolSize(long records, long bytes) {
        spoolRecords.set(records);
        spoolBytes.set(bytes);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
