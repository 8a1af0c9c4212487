package io.istgt.telemetry.bench.scale;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Metrics;
import io.istgt.telemetry.bench.proc.ProcStat;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 2 (issue 6): one collector polling 1000 emulated targets every second against a real broker and
 * registry. Targets: under 25% of one core, RSS under 256 MiB, p99 lateness of a poll against its slot under
 * 100 ms, every snapshot in Kafka.
 *
 * <p>Options: {@code --targets} (1000), {@code --interval} (1s), {@code --warmup} (120s), {@code --duration} (60s,
 * the measured window), {@code --kafka} (process), {@code --collector-flags} (JVM flags, space separated; default
 * {@link #FLAGS}).
 */
public final class ScaleBench {

    /** The JVM flags of the measured collector: bounded heap, the serial collector (one GC thread). */
    public static final String FLAGS = "-Xmx96m -Xss256k -XX:+UseSerialGC -XX:MaxMetaspaceSize=64m"
            + " -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=16m";

    private ScaleBench() {
    }

    public static Figures run(Args args) throws Exception {
        int targets = args.integer("targets", 1000);
        Duration interval = args.duration("interval", Duration.ofSeconds(1));
        // Two minutes: the target is about a collector that runs for weeks, and with 30 s the window still held
        // about 5 % of a core of JIT compilation (printed below, so a shorter warm-up shows what it includes).
        Duration warmup = args.duration("warmup", Duration.ofSeconds(120));
        Duration window = args.duration("duration", Duration.ofSeconds(60));
        String kafka = args.string("kafka", "process");
        List<String> flags = Arrays.stream(args.string("collector-flags", FLAGS).split("\\s+"))
                .filter(f -> !f.isBlank()).toList();
        args.requireAllRead("scale");
        FleetRun.Result r;
        try (Services services = Services.start(kafka)) {
            r = FleetRun.run(new FleetRun.Plan("scale", targets, interval, warmup, window, flags, Duration.ofSeconds(1)),
                    services);
        }
        Figures f = new Figures("scale", "one collector (collector.jar run, own JVM) polling " + targets
                + " istgt-sim targets (own JVM) every " + interval.toMillis() + " ms, Kafka (" + kafka + ") + Apicurio;"
                + " measured over " + window.toSeconds() + " s after " + warmup.toSeconds() + " s");
        f.figure("collector CPU", "< 25 % of one core", r.cpuPercent(), "% of one core", Check.below(25));
        f.info("of which the JIT compiler threads", r.jitCpuPercent(), "% of one core");
        // Where the rest goes, by thread (see docs/benchmarks.md, section 2, for which thread does what).
        r.threadCpuPercent().entrySet().stream()
                .filter(e -> e.getValue() >= 0.05 && !ProcStat.isCompilerThread(e.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> f.info("  threads " + e.getKey(), e.getValue(), "% of one core"));
        f.figure("collector RSS, max in window", "< 256 MiB", r.rssMiB().stream().mapToDouble(d -> d).max().orElse(0),
                "MiB", Check.below(256));
        f.info("collector RSS, median", FleetRun.median(r.rssMiB()), "MiB");
        f.info("collector RSS, peak (VmHWM)", r.peakRssMiB(), "MiB");
        double p99 = Metrics.quantile(r.lateness(), 0.99) * 1000;
        f.figure("poll lateness p99", "< 100 ms", p99, "ms", Check.below(100));
        f.info("poll lateness p50", Metrics.quantile(r.lateness(), 0.5) * 1000, "ms");
        f.info("polls started <= 100 ms late", 100 * Metrics.shareAtMost(r.lateness(), 0.1), "%");
        f.info("polls in window", r.pollsInWindow(), "polls");
        f.info("polls expected in window", targets * window.toMillis() / (double) interval.toMillis(), "polls");
        f.info("slots skipped (poll still running)", r.skippedInWindow(), "slots");
        f.info("failed polls in window", r.failedInWindow(), "polls");
        f.figure("snapshots missing in Kafka", "0", r.audit().missing(), "sequences", Check.atMost(0));
        f.figure("polls lacking replica records", "0", r.audit().shortReplicas(), "polls", Check.atMost(0));
        f.info("targets with records", r.audit().targets(), "targets");
        f.info("volume records read back", r.audit().volumeRecords(), "records");
        f.info("replica records read back", r.audit().replicaRecords(), "records");
        f.info("istgt-sim CPU (all targets)", r.simCpuPercent(), "% of one core");
        f.info("broker bytes per snapshot", (r.volumeTopicBytes() + r.replicaTopicBytes())
                / (double) r.audit().volumeRecords(), "B");
        f.note("collector JVM: " + String.join(" ", r.collectorCommand()));
        f.note("CPU from /proc/<pid>/stat utime+stime over the window; RSS from VmRSS every second; lateness is the"
                + " collector's schedule_lateness_seconds histogram (/metrics) over the window, p99 interpolated in"
                + " its buckets (..., 50 ms, 100 ms, 250 ms, ...)");
        f.note("audit: both topics read back with AvroDeserializer; per target every sequence from its first to its"
                + " last record present, each poll with a record for every replica its volume record lists");
        return f;
    }
}
