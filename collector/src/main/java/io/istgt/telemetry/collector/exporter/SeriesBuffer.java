package io.istgt.telemetry.collector.exporter;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of one scrape, gathered family by family, then handed to the Prometheus client as its snapshots.
 * A value that is absent (null) adds no series: never a made-up zero.
 */
final class SeriesBuffer {

    private final Map<Family, List<Point>> points = new LinkedHashMap<>();

    private record Point(Labels labels, double value) {
    }

    void add(Family family, Labels labels, double value) {
        points.computeIfAbsent(family, f -> new ArrayList<>()).add(new Point(labels, value));
    }

    /** Adds {@code value}, if present. */
    void add(Family family, Labels labels, Long value) {
        if (value != null) {
            add(family, labels, value.doubleValue());
        }
    }

    /** Adds {@code value / divisor} (nanoseconds as seconds, bytes as GiB), if present. */
    void add(Family family, Labels labels, Long value, double divisor) {
        if (value != null) {
            add(family, labels, value / divisor);
        }
    }

    void add(Family family, Labels labels, Boolean value) {
        if (value != null) {
            add(family, labels, value ? 1 : 0);
        }
    }

    MetricSnapshots build() {
        List<MetricSnapshot> snapshots = new ArrayList<>(points.size());
        points.forEach((family, list) -> snapshots.add(snapshot(family, list)));
        return new MetricSnapshots(snapshots);
    }

    private static MetricSnapshot snapshot(Family family, List<Point> list) {
        MetricMetadata metadata = new MetricMetadata(family.name(), family.help());
        return switch (family.type()) {
            case GAUGE -> {
                List<GaugeDataPointSnapshot> data = new ArrayList<>(list.size());
                for (Point p : list) {
                    data.add(new GaugeDataPointSnapshot(p.value(), p.labels(), null));
                }
                yield new GaugeSnapshot(metadata, data);
            }
            case COUNTER -> {
                List<CounterDataPointSnapshot> data = new ArrayList<>(list.size());
                for (Point p : list) {
                    data.add(new CounterDataPointSnapshot(p.value(), p.labels(), null, 0));
                }
                yield new CounterSnapshot(metadata, data);
            }
            case INFO -> {
                List<InfoDataPointSnapshot> data = new ArrayList<>(list.size());
                for (Point p : list) {
                    data.add(new InfoDataPointSnapshot(p.labels()));
                }
                yield new InfoSnapshot(metadata, data);
            }
        };
    }
}
