package io.istgt.telemetry.bench;

import io.istgt.telemetry.bench.alertmanager.AlertmanagerLatencyBench;
import io.istgt.telemetry.bench.connections.ConnectionsBench;
import io.istgt.telemetry.bench.exporter.ExporterBench;
import io.istgt.telemetry.bench.latency.AlertLatencyBench;
import io.istgt.telemetry.bench.latency.PagerLatencyBench;
import io.istgt.telemetry.bench.node.NodeBench;
import io.istgt.telemetry.bench.replay.ReplayBench;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.scale.ScaleBench;
import io.istgt.telemetry.bench.sidecar.SidecarBench;
import io.istgt.telemetry.bench.snapshot.SnapshotBench;
import io.istgt.telemetry.bench.storage.StorageBench;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/istgt-bench [name|all] [--option value ...]}: runs one benchmark of docs/benchmarks.md, or all in turn, and
 * prints each one's figures. Exit code 0 when every target was met, 1 when one was missed, 2 on bad usage.
 */
public final class BenchMain {

    /** A benchmark: its options in, its figures out. */
    @FunctionalInterface
    public interface Benchmark {
        Figures run(Args args) throws Exception;
    }

    /** Every benchmark by name, in the order of docs/benchmarks.md. */
    public static final Map<String, Benchmark> BENCHMARKS = benchmarks();

    private BenchMain() {
    }

    private static Map<String, Benchmark> benchmarks() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        all.put("snapshot", SnapshotBench::run);
        all.put("scale", ScaleBench::run);
        all.put("sidecar", SidecarBench::run);
        all.put("alert-latency", AlertLatencyBench::run);
        all.put("replay", ReplayBench::run);
        all.put("storage", StorageBench::run);
        all.put("connections", ConnectionsBench::run);
        all.put("exporter", ExporterBench::run);
        all.put("node", NodeBench::run);
        all.put("alertmanager", AlertmanagerLatencyBench::run);
        all.put("pager", PagerLatencyBench::run);
        return all;
    }

    public static void main(String[] argv) throws Exception {
        // Named so as not to be shadowed by the logback.xml of the collector and analytics jars on the classpath.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "istgt-bench-logback.xml");
        }
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h")) {
            System.out.println("usage: istgt-bench <" + String.join("|", BENCHMARKS.keySet()) + "|all> [--option value ...]"
                    + "\n  see docs/benchmarks.md for each benchmark's options and targets");
            System.exit(argv.length == 0 ? 2 : 0);
        }
        String name = argv[0];
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        List<String> names = name.equals("all") ? new ArrayList<>(BENCHMARKS.keySet()) : List.of(name);
        boolean passed = true;
        for (String n : names) {
            Benchmark b = BENCHMARKS.get(n);
            if (b == null) {
                System.err.println("istgt-bench: unknown benchmark '" + n + "'; known: " + BENCHMARKS.keySet());
                System.exit(2);
            }
            Figures f;
            try {
                f = b.run(new Args(name.equals("all") ? List.of() : rest));
            } catch (IllegalArgumentException e) {
                System.err.println("istgt-bench " + n + ": " + e.getMessage());
                System.exit(2);
                return;
            }
            f.print(System.out);
            passed &= f.passed();
        }
        System.exit(passed ? 0 : 1);
    }
}
