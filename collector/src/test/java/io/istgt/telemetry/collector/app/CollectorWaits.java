package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Bounded waits on an in-process {@link CollectorApp}, read from its own metrics and readiness. */
final class CollectorWaits {

    private static final long CHECK_EVERY_NANOS = 20_000_000;

    private CollectorWaits() {
    }

    /** Polls made so far, over every target (the {@code istgt_collector_polls} counter). */
    static long polls(CollectorApp app) {
        return app.collector().targets().isEmpty() ? 0 : (long) app.metrics().registry().scrape().stream()
                .filter(m -> m.getMetadata().getPrometheusName().equals("istgt_collector_polls"))
                .flatMap(m -> m.getDataPoints().stream())
                .mapToDouble(d -> ((CounterDataPointSnapshot) d).getValue()).sum();
    }

    /** Waits until the collector has made {@code count} polls; fails after {@code wait}. */
    static void awaitPolls(CollectorApp app, long count, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (polls(app) < count) {
            assertThat(System.nanoTime()).as("%d polls within %s", count, wait).isLessThan(deadline);
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
        }
    }

    /** Waits until the collector says it is ready; fails after {@code wait}, naming why it is not. */
    static void awaitReady(CollectorApp app, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (app.notReadyReason().isPresent()) {
            assertThat(System.nanoTime()).as("ready within %s, still: %s", wait, app.notReadyReason())
                    .isLessThan(deadline);
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
        }
    }
}
