package io.istgt.telemetry.bench.connections;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.JavaProcess;
import io.istgt.telemetry.bench.proc.ProcStat;
import io.istgt.telemetry.bench.proc.Repository;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.client.ClientSettings;
import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.client.TargetSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Benchmark 7: the load a poll puts on istgt, a new connection per poll (connect, greeting, the deep
 * command set, QUIT) against one kept connection (what {@link TargetSession} does): istgt-sim's CPU time per
 * poll in each mode, the emulator in its own JVM, the polls from the collector's own session class. The modes
 * alternate in rounds so both see the same machine; the emulator's idle CPU over the same time is subtracted.
 *
 * <p>Options: {@code --polls} (3000 per mode), {@code --rounds} (6), {@code --warmup} (1000 polls per mode),
 * {@code --idle} (3s: how long the emulator's idle CPU is measured).
 */
public final class ConnectionsBench {

    private ConnectionsBench() {
    }

    public static Figures run(Args args) throws Exception {
        int polls = args.integer("polls", 3000);
        int rounds = Math.max(1, args.integer("rounds", 6));
        int warmup = args.integer("warmup", 1000);
        Duration idle = args.duration("idle", Duration.ofSeconds(3));
        args.requireAllRead("connections");
        int perRound = Math.max(1, polls / rounds);
        Path dir = Files.createTempDirectory("istgt-bench-conn-");
        Path socket = dir.resolve("istgt.sock");
        double keptCpu = 0;
        double perPollCpu = 0;
        double keptWall = 0;
        double perPollWall = 0;
        double idleRate;
        try (JavaProcess sim = JavaProcess.start("istgt-sim", List.of("--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC"), Repository.simJar(), List.of("--socket", socket.toString(), "--rebuild-time", "2s",
                "--idle-timeout", "10m"), dir.resolve("istgt-sim.log"))) {
            sim.awaitReady(() -> Files.exists(socket), Duration.ofMinutes(1), "listening on " + socket);
            // The replicas connect 1-3 s after start: poll a volume in its steady state.
            Thread.sleep(4_000);
            ClientSettings settings = ClientSettings.defaults();
            try (TargetSession kept = new TargetSession(socket, settings, Clock.systemUTC())) {
                pollKept(kept, warmup);
                pollPerConnection(socket, settings, warmup);
                idleRate = idleCpuPerSecond(sim.pid(), idle);
                for (int round = 0; round < rounds; round++) {
                    boolean keptFirst = round % 2 == 0;
                    for (int leg = 0; leg < 2; leg++) {
                        boolean keptLeg = (leg == 0) == keptFirst;
                        double cpu0 = ProcStat.cpuSeconds(sim.pid());
                        long t0 = System.nanoTime();
                        if (keptLeg) {
                            pollKept(kept, perRound);
                        } else {
                            pollPerConnection(socket, settings, perRound);
                        }
                        double wall = (System.nanoTime() - t0) / 1e9;
                        double cpu = ProcStat.cpuSeconds(sim.pid()) - cpu0 - idleRate * wall;
                        if (keptLeg) {
                            keptCpu += cpu;
                            keptWall += wall;
                        } else {
                            perPollCpu += cpu;
                            perPollWall += wall;
                        }
                    }
                }
            }
        }
        int n = perRound * rounds;
        double keptUs = keptCpu / n * 1e6;
        double perPollUs = perPollCpu / n * 1e6;
        Figures f = new Figures("connections", "istgt-sim (own JVM) CPU per deep poll (8 commands), a connection per"
                + " poll vs one kept connection; " + n + " polls per mode in " + rounds + " alternating rounds");
        f.info("istgt CPU per poll, kept connection", keptUs, "us");
        f.info("istgt CPU per poll, connection per poll", perPollUs, "us");
        f.figure("ratio per-poll / kept", "> 1 keeps the default", perPollUs / keptUs, "x", Check.atLeast(1));
        f.info("poll wall time, kept connection", keptWall / n * 1e6, "us");
        f.info("poll wall time, connection per poll", perPollWall / n * 1e6, "us");
        f.info("istgt idle CPU (subtracted)", idleRate * 100, "% of one core");
        f.note("CPU = utime+stime of the emulator from /proc/<pid>/stat (10 ms ticks) over each leg, minus its idle"
                + " rate; polls are back to back from this JVM with the collector's TargetSession");
        f.note("at a 10 s interval, istgt's cost per target is (CPU per poll) / 10 s; the verdict is whether keeping"
                + " the connection (TargetSession's default) is the cheaper mode for istgt");
        return f;
    }

    private static void pollKept(TargetSession session, int polls) throws IstgtControlException {
        for (int i = 0; i < polls; i++) {
            session.poll();
        }
    }

    private static void pollPerConnection(Path socket, ClientSettings settings, int polls) throws IstgtControlException {
        for (int i = 0; i < polls; i++) {
            try (TargetSession session = new TargetSession(socket, settings, Clock.systemUTC())) {
                session.poll();
            }
        }
    }

    private static double idleCpuPerSecond(long pid, Duration idle) throws InterruptedException {
        double cpu0 = ProcStat.cpuSeconds(pid);
        long t0 = System.nanoTime();
        Thread.sleep(idle.toMillis());
        return (ProcStat.cpuSeconds(pid) - cpu0) / ((System.nanoTime() - t0) / 1e9);
    }
}
