package io.istgt.telemetry.collector.exporter;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The targets' istgt metrics for Prometheus, rendered at scrape time from each target's last poll
 * ({@link TargetStates}): a scrape never talks to istgt, however many scrapes come at once. Both families:
 * {@link CompatibleSeries} (m-exporter's {@code openebs_*}) and the deep {@code istgt_*} series.
 *
 * <pre>{@code
 * TargetStates states = new TargetStates(Clock.systemUTC());   // a PollListener of the collector
 * registry.register(new IstgtMetricsCollector(states));
 * }</pre>
 */
public final class IstgtMetricsCollector implements MultiCollector {

    private final TargetStates states;
    private final ExporterSeries series;
    /** Every family's name as the client knows it (without a counter's _total): a scrape asking for none skips us. */
    private final List<String> names;

    public IstgtMetricsCollector(TargetStates states) {
        this(states, ExporterSeries.ALL);
    }

    public IstgtMetricsCollector(TargetStates states, ExporterSeries series) {
        this.states = Objects.requireNonNull(states, "states");
        this.series = Objects.requireNonNull(series, "series");
        this.names = Stream.concat(series.compatible() ? CompatibleSeries.ALL.stream() : Stream.empty(),
                        series.deep() ? Stream.concat(DeepSeries.ALL.stream(), ReplicaSeries.ALL.stream()) : Stream.empty())
                .map(Family::name).toList();
    }

    @Override
    public List<String> getPrometheusNames() {
        return names;
    }

    @Override
    public MetricSnapshots collect() {
        SeriesBuffer out = new SeriesBuffer();
        Map<String, TargetState> now = states.now();
        if (series.compatible()) {
            now.forEach((target, state) -> CompatibleSeries.render(target, state, out));
        }
        if (series.deep()) {
            now.forEach((target, state) -> DeepSeries.render(target, state, out));
        }
        return out.build();
    }
}
