package io.istgt.telemetry.sim;

import io.istgt.telemetry.sim.event.SimEvent;
import io.istgt.telemetry.sim.model.VolumeSpec;
import io.istgt.telemetry.sim.scenario.Scenario;
import io.istgt.telemetry.sim.wire.BuildStamp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Many independent emulated istgts in one process, one socket each: {@code DIR/<first volume>.sock}. Idle
 * istgts cost only their socket: state is computed when asked.
 *
 * <pre>{@code
 * try (SimulatorCluster cluster = SimulatorCluster.start(dir, 1000, SimConfig.defaults())) {
 *     cluster.apply(cluster.volumes().get(0) + " restart");
 * }
 * }</pre>
 */
public final class SimulatorCluster implements Emulator {

    private final List<EmulatedIstgt> targets;
    private final Map<String, EmulatedIstgt> byVolume;

    private SimulatorCluster(List<EmulatedIstgt> targets) {
        this.targets = List.copyOf(targets);
        Map<String, EmulatedIstgt> map = new LinkedHashMap<>();
        targets.forEach(t -> t.volumes().forEach(v -> map.put(v, t)));
        this.byVolume = map;
    }

    /**
     * Starts istgts serving {@code volumes} volumes in all, {@link SimConfig#volumesPerTarget()} per istgt.
     * If one cannot start, those already started are stopped again.
     */
    public static SimulatorCluster start(Path dir, int volumes, SimConfig config) {
        if (volumes < 1) {
            throw new IllegalArgumentException("a cluster needs at least one volume, got " + volumes);
        }
        try {
            // as a data-dir option would: the directory is the emulator's to make
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the socket directory " + dir + " (" + e + "): give a"
                    + " directory this user may create or write to", e);
        }
        Instant now = config.clock().instant();
        String stamp = BuildStamp.of(now, config.zone());
        int perTarget = config.volumesPerTarget();
        List<EmulatedIstgt> started = new ArrayList<>();
        try {
            for (int first = 0; first < volumes; first += perTarget) {
                List<VolumeSpec> specs = VolumePlans.clusterTarget(config, first, Math.min(perTarget, volumes - first));
                String name = specs.get(0).name();
                started.add(EmulatedIstgt.launch(dir.resolve(name + ".sock"), name, specs, config, now, stamp));
            }
        } catch (RuntimeException e) {
            started.forEach(EmulatedIstgt::close);
            throw e;
        }
        return new SimulatorCluster(started);
    }

    public List<EmulatedIstgt> targets() {
        return targets;
    }

    /** Every volume name, in order. */
    public List<String> volumes() {
        return List.copyOf(byVolume.keySet());
    }

    public Optional<EmulatedIstgt> targetOf(String volume) {
        return Optional.ofNullable(byVolume.get(volume));
    }

    @Override
    public void apply(SimEvent event) {
        if (SimEvent.ALL.equals(event.volume())) {
            targets.forEach(t -> t.apply(event));
            return;
        }
        targetOf(event.volume()).orElseThrow(() -> new IllegalArgumentException("no emulated istgt serves volume "
                + event.volume())).apply(event);
    }

    @Override
    public void run(Scenario scenario) {
        for (Scenario.Step step : scenario.steps()) {
            if (SimEvent.ALL.equals(step.event().volume())) {
                targets.forEach(t -> t.schedule(step.offset(), step.event()));
            } else {
                targetOf(step.event().volume()).orElseThrow(() -> new IllegalArgumentException(scenario.source()
                        + " line " + step.line() + ": no emulated istgt serves volume " + step.event().volume()))
                        .schedule(step.offset(), step.event());
            }
        }
    }

    @Override
    public void close() {
        targets.forEach(EmulatedIstgt::close);
    }
}
