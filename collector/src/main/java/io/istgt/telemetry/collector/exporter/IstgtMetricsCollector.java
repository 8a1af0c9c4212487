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

    /** Every family's name as the client knows it (without a counter's _total): a scrape asking for none skips us. */
    private static final List<String> NAMES = Stream.of(CompatibleSeries.ALL, DeepSeries.ALL, ReplicaSeries.ALL)
            .flatMap(List::stream).map(Family::name).toList();

    private final TargetStates states;

    public IstgtMetricsCollector(TargetStates states) {
        this.states = Objects.requireNonNull(states, "states");
    }

    @Override
    public List<String> getPrometheusNames() {
        return NAMES;
    }

    @Override
    public MetricSnapshots collect() {
        SeriesBuffer out = new SeriesBuffer();
        Map<String, TargetState> now = states.now();
        now.forEach((target, state) -> CompatibleSeries.render(target, state, out));
        now.forEach((target, state) -> DeepSeries.render(target, state, out));
        return out.build();
    }
}
