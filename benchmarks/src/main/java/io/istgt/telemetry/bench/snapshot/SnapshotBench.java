package io.istgt.telemetry.bench.snapshot;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link SnapshotPathBenchmark} with JMH's GC profiler and prints the figures of benchmark 1: the median
 * time per snapshot, the ratio to {@code readTree} of the same bytes, and the bytes allocated per snapshot.
 *
 * <p>Options: {@code --forks} (3), {@code --warmup} (10 iterations of {@code --iteration}, 1s),
 * {@code --iterations} (10). {@code --forks 0} runs in this JVM (the smoke run).
 */
public final class SnapshotBench {

    static final double TARGET_RATIO = 1.5;
    static final double TARGET_MICROS = 15;

    private SnapshotBench() {
    }

    public static Figures run(Args args) throws RunnerException {
        // Three forks: a fork's JIT can settle on code a third slower than another's (readTree at 7.9 and at 14 us in
        // one run), and with two, that fork pulls the median of all iterations halfway; with three it is outvoted.
        int forks = args.integer("forks", 3);
        // Under load the JIT can take several seconds to settle: a short warmup measures the compiler, not the code.
        int warmup = args.integer("warmup", 10);
        int iterations = args.integer("iterations", 10);
        TimeValue iteration = TimeValue.milliseconds(args.duration("iteration", java.time.Duration.ofSeconds(1))
                .toMillis());
        args.requireAllRead("snapshot");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(SnapshotPathBenchmark.class.getName() + ".")
                .forks(forks)
                .warmupIterations(warmup).warmupTime(iteration)
                .measurementIterations(iterations).measurementTime(iteration)
                .timeUnit(TimeUnit.MICROSECONDS)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true);
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, RunResult> byName = new HashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            byName.put(label.substring(label.lastIndexOf('.') + 1), r);
        }
        Figures f = new Figures("snapshot", "one snapshot from reply bytes to its encoded Avro records (JMH, "
                + (forks == 0 ? "in this JVM" : forks + " fork(s)") + ", " + warmup + "+" + iterations + " iterations of "
                + iteration + ")");
        double records = median(byName.get("records_istgtstatus"));
        double tree = median(byName.get("readTree_istgtstatus"));
        f.figure("records (ISTGTSTATUS+IOSTATS)", "< " + (int) TARGET_MICROS + " us", records, "us/snapshot",
                Check.below(TARGET_MICROS));
        f.info("readTree of the same JSON", tree, "us");
        f.figure("ratio records / readTree", "<= " + TARGET_RATIO, records / tree, "x", Check.atMost(TARGET_RATIO));
        f.info("allocated, records", alloc(byName.get("records_istgtstatus")), "B/snapshot");
        f.info("allocated, readTree", alloc(byName.get("readTree_istgtstatus")), "B/snapshot");
        double deep = median(byName.get("records_deepPoll"));
        double deepTree = median(byName.get("readTree_deepPoll"));
        f.info("records (whole deep poll)", deep, "us/snapshot");
        f.info("readTree of its 4 JSON lines", deepTree, "us");
        f.info("ratio, whole deep poll", deep / deepTree, "x");
        f.info("allocated, whole deep poll", alloc(byName.get("records_deepPoll")), "B/snapshot");
        f.note("records = framing (ReplyLine.parse) + the collector's parsers + SnapshotAssembler + TargetRecorder"
                + " (Avro mapping) + AvroSerializer (in-memory registry) of 1 VolumeStatus and 3 ReplicaStatus,"
                + " keys and values");
        f.note("medians of the measurement iterations; allocation is JMH -prof gc gc.alloc.rate.norm");
        return f;
    }

    private static double median(RunResult r) {
        if (r == null) {
            return Double.NaN;
        }
        return r.getPrimaryResult().getStatistics().getPercentile(50);
    }

    private static double alloc(RunResult r) {
        if (r == null) {
            return Double.NaN;
        }
        Result<?> norm = r.getSecondaryResults().get("gc.alloc.rate.norm");
        return norm == null ? Double.NaN : norm.getScore();
    }
}
