package io.istgt.telemetry.demo;

import io.istgt.telemetry.local.Directories;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.SimulatorCluster;
import io.istgt.telemetry.sim.event.SimEvent;
import io.istgt.telemetry.sim.model.VolumeStatus;
import io.istgt.telemetry.sim.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The emulated istgts: one per volume, each on its own unix socket in a short temporary directory (socket
 * paths are limited to about 100 bytes), playing the scenario once the pipeline is up.
 */
final class EmulatorStage implements AutoCloseable {

    static final String BUILT_IN_SCENARIO = "demo.scenario";
    private static final int REPLICAS = 3;

    /** One scheduled scenario event, for the view's "next" line. */
    record TimedEvent(Instant at, String text) {
    }

    private final SimulatorCluster cluster;
    private final Path socketDir;
    private final Instant startedAt;

    private EmulatorStage(SimulatorCluster cluster, Path socketDir, Instant startedAt) {
        this.cluster = cluster;
        this.socketDir = socketDir;
        this.startedAt = startedAt;
    }

    static EmulatorStage start(int volumes, Duration rebuildTime) {
        Path socketDir;
        try {
            socketDir = Files.createTempDirectory("istgt-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the emulated istgts' sockets", e);
        }
        // Readable replica ids (6161.., ten apart per volume) so the scenario can name them; production-like volume names.
        SimConfig config = SimConfig.builder().replicas(REPLICAS).replicaIds(SimConfig.ReplicaIds.SMALL).rebuildTime(rebuildTime)
                .ioRate(50).seed(1).build();
        Instant startedAt = Instant.now();
        try {
            return new EmulatorStage(SimulatorCluster.start(socketDir, volumes, config), socketDir, startedAt);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(socketDir);
            throw e;
        }
    }

    List<Path> sockets() {
        return cluster.targets().stream().map(EmulatedIstgt::socketPath).toList();
    }

    List<String> volumes() {
        return cluster.volumes();
    }

    /** Replicas per volume (the emulator's default: RF 3, all in the quorum). */
    int replicasPerVolume() {
        return REPLICAS;
    }

    /**
     * Waits until every replica has connected and rebuilt (the last one connects {@value #REPLICAS} s after the
     * start and is Healthy a rebuild time later) and every volume is Healthy, bounded by {@code timeout}.
     */
    void awaitRebuilt(Duration rebuildTime, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Instant rebuilt = startedAt.plus(rebuildTime).plusSeconds(REPLICAS + 1);
        Duration left = Duration.between(Instant.now(), rebuilt);
        if (!left.isNegative()) {
            Thread.sleep(left);
        }
        while (!allHealthy()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the emulated volumes were not Healthy within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    private boolean allHealthy() {
        for (EmulatedIstgt target : cluster.targets()) {
            for (String volume : target.volumes()) {
                if (target.status(volume) != VolumeStatus.HEALTHY) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Schedules the scenario with its offsets counted from now. Steps for a volume this run does not emulate
     * (fewer --volumes than the scenario names) are skipped and listed in the result.
     */
    Played play(Optional<Path> file) {
        List<String> lines = file.map(EmulatorStage::readLines).orElseGet(EmulatorStage::builtInLines);
        String source = file.map(Path::toString).orElse(BUILT_IN_SCENARIO + " (built in)");
        Scenario scenario = Scenario.parse(source, lines);
        Instant now = Instant.now();
        Duration shift = Duration.between(startedAt, now);
        List<TimedEvent> timeline = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Scenario.Step step : scenario.steps()) {
            SimEvent event = step.event();
            String text = lines.get(step.line() - 1).replaceFirst("#.*", "").strip();
            List<EmulatedIstgt> targets = SimEvent.ALL.equals(event.volume()) ? cluster.targets()
                    : cluster.targetOf(event.volume()).map(List::of).orElse(List.of());
            if (targets.isEmpty()) {
                skipped.add(text);
                continue;
            }
            targets.forEach(t -> t.schedule(shift.plus(step.offset()), event));
            timeline.add(new TimedEvent(now.plus(step.offset()), text.replaceFirst("^\\+\\S+\\s+", "")));
        }
        return new Played(source, List.copyOf(timeline), List.copyOf(skipped));
    }

    /** What {@link #play} scheduled. */
    record Played(String source, List<TimedEvent> timeline, List<String> skipped) {
        Duration span(Instant from) {
            return timeline.isEmpty() ? Duration.ZERO : Duration.between(from, timeline.getLast().at());
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            Directories.deleteRecursively(socketDir);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenario file " + file, e);
        }
    }

    private static List<String> builtInLines() {
        try (InputStream in = EmulatorStage.class.getResourceAsStream(BUILT_IN_SCENARIO)) {
            if (in == null) {
                throw new IllegalStateException("the built-in scenario " + BUILT_IN_SCENARIO + " is missing from the demo's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in scenario", e);
        }
    }
}
