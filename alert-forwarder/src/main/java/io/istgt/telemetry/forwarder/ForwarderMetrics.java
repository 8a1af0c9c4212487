package io.istgt.telemetry.forwarder;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;

/**
 * The forwarder's Prometheus metrics ({@code istgt_forwarder_}), per Alertmanager URL where they are about one.
 * The URL label holds no secret: credentials never go in the URL.
 */
final class ForwarderMetrics {

    /** Why an alert was sent: a change read from Kafka, or the periodic re-send of what fires. */
    enum Reason {
        CHANGE, RESEND;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, DoubleSupplier> queuedByUrl = new ConcurrentHashMap<>();
    private final Counter sent = Counter.builder().name("istgt_forwarder_alerts_sent_total")
            .help("Alerts posted to an Alertmanager, each attempt counted, by why they were sent")
            .labelNames("url", "reason").register(registry);
    private final Counter accepted = Counter.builder().name("istgt_forwarder_alerts_accepted_total")
            .help("Alerts an Alertmanager accepted (2xx)").labelNames("url").register(registry);
    private final Counter refused = Counter.builder().name("istgt_forwarder_alerts_refused_total")
            .help("Alerts an Alertmanager refused (400/422, e.g. a label or a time it rejects): logged and dropped")
            .labelNames("url").register(registry);
    private final Counter batches = Counter.builder().name("istgt_forwarder_batches_total")
            .help("POST /api/v2/alerts requests by outcome: accepted, refused (the batch is split to find the"
                    + " refused alerts) or failed (unreachable, timeout, 5xx, 401/403: retried with back-off)")
            .labelNames("url", "outcome").register(registry);
    private final Histogram latency = Histogram.builder().name("istgt_forwarder_send_seconds")
            .help("Time of one POST /api/v2/alerts, whatever its outcome")
            .classicUpperBounds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .labelNames("url").register(registry);
    private final Gauge up = Gauge.builder().name("istgt_forwarder_alertmanager_up")
            .help("1 when the last POST to this Alertmanager was answered 2xx, 400 or 422; 0 while it fails")
            .labelNames("url").register(registry);

    ForwarderMetrics() {
        GaugeWithCallback.builder().name("istgt_forwarder_changes_queued")
                .help("Changes read from Kafka that this Alertmanager has not accepted yet (their offsets uncommitted)")
                .labelNames("url")
                .callback(cb -> queuedByUrl.forEach((url, queued) -> cb.call(queued.getAsDouble(), url)))
                .register(registry);
    }

    PrometheusRegistry registry() {
        return registry;
    }

    void sent(String url, Reason reason, int alerts) {
        sent.labelValues(url, reason.label()).inc(alerts);
    }

    void outcome(String url, PostOutcome outcome, int alerts, double seconds) {
        latency.labelValues(url).observe(seconds);
        switch (outcome) {
            case PostOutcome.Accepted a -> {
                batches.labelValues(url, "accepted").inc();
                accepted.labelValues(url).inc(alerts);
                up.labelValues(url).set(1);
            }
            case PostOutcome.Refused r -> {
                batches.labelValues(url, "refused").inc();
                up.labelValues(url).set(1);
            }
            case PostOutcome.Failed f -> {
                batches.labelValues(url, "failed").inc();
                up.labelValues(url).set(0);
            }
        }
    }

    /** Alerts an Alertmanager refused one by one: given up on. */
    void refused(String url, int alerts) {
        refused.labelValues(url).inc(alerts);
    }

    /** Makes the per-URL series exist from the start, at 0, so a rate over them is defined. */
    void target(String url) {
        sent.labelValues(url, Reason.CHANGE.label());
        sent.labelValues(url, Reason.RESEND.label());
        accepted.labelValues(url);
        refused.labelValues(url);
        for (String outcome : new String[] {"accepted", "refused", "failed"}) {
            batches.labelValues(url, outcome);
        }
        up.labelValues(url).set(0);
    }

    /** Serves how many changes {@code url} has still to accept, read at each scrape. */
    void watchQueued(String url, DoubleSupplier queued) {
        queuedByUrl.put(url, queued);
    }

    void watchFiring(DoubleSupplier firing) {
        GaugeWithCallback.builder().name("istgt_forwarder_firing_alerts")
                .help("Alerts firing now, as read from the active alerts topic and the changes: what is re-sent")
                .callback(cb -> cb.call(firing.getAsDouble())).register(registry);
    }

    void watchBehind(DoubleSupplier behind) {
        GaugeWithCallback.builder().name("istgt_forwarder_records_behind")
                .help("Records of the alerts topic not yet committed: read but not accepted by every Alertmanager, or"
                        + " not read yet (as of the last check of the end offsets)")
                .callback(cb -> cb.call(behind.getAsDouble())).register(registry);
    }
}
