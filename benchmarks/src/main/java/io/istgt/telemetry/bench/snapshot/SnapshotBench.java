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
 * <p>Then the same operations' thread CPU time, in this JVM ({@link ThreadCpuRounds}).
 *
 * <p>Options: {@code --forks} (3), {@code --warmup} (10 iterations of {@code --iteration}, 1s),
 * {@code --iterations} (10), {@code --cpu-rounds} (30), {@code --cpu-operations} (20000 per round). {@code --forks 0}
 * runs JMH in this JVM (the smoke run).
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
        ThreadCpuRounds cpu = new ThreadCpuRounds(args.integer("cpu-rounds", 30),
                args.integer("cpu-operations", 20_000));
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
        double[] cpuMicros = threadCpu(cpu);
        f.info("thread CPU, records", cpuMicros[0], "us/snapshot");
        f.info("thread CPU, readTree", cpuMicros[1], "us");
        f.info("thread CPU ratio records / readTree", cpuMicros[0] / cpuMicros[1], "x");
        f.info("thread CPU, whole deep poll", cpuMicros[2], "us/snapshot");
        f.note("records = framing (ReplyLine.parse) + the collector's parsers + SnapshotAssembler + TargetRecorder"
                + " (Avro mapping) + AvroSerializer (in-memory registry) of 1 VolumeStatus and 3 ReplicaStatus,"
                + " keys and values");
        f.note("medians of the measurement iterations; allocation is JMH -prof gc gc.alloc.rate.norm");
        f.note("thread CPU: this JVM, records, readTree and the deep poll in turn, " + cpu.operations()
                + " operations each per round, median of the last " + (cpu.rounds() - cpu.rounds() / 3) + " of "
                + cpu.rounds() + " rounds (the target is judged on JMH's figures)");
        return f;
    }

    /** Thread CPU of records, readTree and the deep poll, through the same benchmark methods JMH runs. */
    private static double[] threadCpu(ThreadCpuRounds cpu) {
        SnapshotPathBenchmark operations = new SnapshotPathBenchmark();
        operations.setUp();
        try {
            return cpu.microsPerOperation(operations::records_istgtstatus, operations::readTree_istgtstatus,
                    operations::records_deepPoll);
        } catch (Exception e) {
            throw new IllegalStateException("the snapshot path failed outside JMH: " + e, e);
        }
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
