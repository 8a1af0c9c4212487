package io.istgt.telemetry.collector.exporter;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.run.PollListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each polled target's {@link TargetState}, fed by the poll threads and read by scrapes: the one place the metrics
 * endpoint takes its values from, so a scrape never talks to istgt. A removed target is forgotten at once, and its
 * series with it.
 */
public final class TargetStates implements PollListener {

    private final Map<String, TargetState> states = new ConcurrentHashMap<>();
    private final Clock clock;

    public TargetStates(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void succeeded(String target, IstgtSnapshot snapshot, Duration took, int records) {
        states.compute(target, (t, before) -> TargetState.succeeded(before, snapshot, clock.instant()));
    }

    @Override
    public void failed(String target, ErrorKind kind, Duration took, int records) {
        states.compute(target, (t, before) -> TargetState.failed(before, kind, clock.instant()));
    }

    @Override
    public void removed(String target) {
        states.remove(target);
    }

    /** The states now, by target name in order (so that a scrape's series come in a stable order). */
    public Map<String, TargetState> now() {
        return new TreeMap<>(states);
    }
}
