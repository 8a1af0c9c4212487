package io.istgt.telemetry.bench.node;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.scale.FleetRun;
import io.istgt.telemetry.bench.sidecar.SidecarBench;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory per volume on a node: one sidecar per volume against one node collector for all of them, at 1, 10, 50
 * and 200 volumes. Each count is its own run of the real collector program ({@code collector.jar run}, own JVM)
 * with the flags of {@code deploy/kubernetes/collector-node.yaml}, finding istgt-sim's targets laid out as the
 * kubelet lays out cStor target pods ({@code --kubelet-pods-dir}); the sidecar is one run with one target and the
 * flags of {@code collector-sidecar.yaml}, so N volumes cost N times its RSS. Target: the node collector at 50
 * volumes under 5 MiB per volume.
 *
 * <p>Options: {@code --volumes} (1,10,50,200), {@code --interval} (10s), {@code --warmup} (20s), {@code --duration}
 * (20s, the measured window), {@code --kafka} (process), {@code --collector-flags} (default {@link #FLAGS}),
 * {@code --sidecar-flags} (default {@link SidecarBench#FLAGS}).
 */
public final class NodeBench {

    /**
     * The flags of the node collector's DaemonSet: a heap for a few hundred targets (the sidecar's 16 MiB runs out
     * at about 60), and the client compiler only: the sidecar's -Xint cost the node collector 19.7 % of a core at
     * 200 volumes against 5.8 % with C1, for 4 MiB less RSS (2026-12-07, docs/benchmarks.md).
     */
    public static final String FLAGS = "-Xms16m -Xmx64m -Xss256k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10"
            + " -XX:MaxHeapFreeRatio=30 -XX:MaxMetaspaceSize=48m -XX:TieredStopAtLevel=1"
            + " -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=8m";
    /** The volume count the target is judged at. */
    static final int TARGET_VOLUMES = 50;
    static final double TARGET_MIB_PER_VOLUME = 5;

    private NodeBench() {
    }

    public static Figures run(Args args) throws Exception {
        List<Integer> counts = Arrays.stream(args.string("volumes", "1,10,50,200").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::parseInt).sorted().distinct().toList();
        if (counts.isEmpty() || counts.getFirst() < 1) {
            throw new IllegalArgumentException("--volumes takes counts of at least 1, comma-separated");
        }
        Duration interval = args.duration("interval", Duration.ofSeconds(10));
        Duration warmup = args.duration("warmup", Duration.ofSeconds(20));
        Duration window = args.duration("duration", Duration.ofSeconds(20));
        String kafka = args.string("kafka", "process");
        List<String> nodeFlags = flags(args.string("collector-flags", FLAGS));
        List<String> sidecarFlags = flags(args.string("sidecar-flags", SidecarBench.FLAGS));
        args.requireAllRead("node");

        FleetRun.Result sidecar;
        Map<Integer, FleetRun.Result> node = new LinkedHashMap<>();
        try (Services services = Services.start(kafka)) {
            sidecar = FleetRun.run(new FleetRun.Plan("node-sidecar", 1, interval, warmup, window, sidecarFlags,
                    Duration.ofSeconds(1), SidecarBench.ENVIRONMENT, false, false), services);
            for (int n : counts) {
                node.put(n, FleetRun.run(new FleetRun.Plan("node-" + n, n, interval, warmup, window, nodeFlags,
                        Duration.ofSeconds(1), SidecarBench.ENVIRONMENT, true, true), services));
            }
        }

        Figures f = new Figures("node", "memory per volume: one sidecar per volume (one collector.jar run, sidecar"
                + " flags, 1 target) against one node collector (collector.jar run --kubelet-pods-dir, node flags)"
                + " for " + counts + " istgt-sim targets laid out as kubelet pod directories, every "
                + interval.toSeconds() + " s; RSS max over " + window.toSeconds() + " s after " + warmup.toSeconds()
                + " s");
        double perSidecar = maxRss(sidecar);
        f.info("sidecar RSS (1 volume)", perSidecar, "MiB");
        f.figure("sidecar: snapshots missing in Kafka", "0", sidecar.audit().missing(), "sequences", Check.atMost(0));
        Integer crossover = null;
        for (Map.Entry<Integer, FleetRun.Result> e : node.entrySet()) {
            int n = e.getKey();
            FleetRun.Result r = e.getValue();
            double rss = maxRss(r);
            String at = n + " volume" + (n == 1 ? "" : "s");
            f.info("node collector RSS, " + at, rss, "MiB");
            if (n == TARGET_VOLUMES) {
                f.figure("node collector RSS per volume, " + at, "< " + TARGET_MIB_PER_VOLUME + " MiB", rss / n,
                        "MiB", Check.below(TARGET_MIB_PER_VOLUME));
            } else {
                f.info("node collector RSS per volume, " + at, rss / n, "MiB");
            }
            f.info("sidecars RSS, " + at + " (" + n + " x sidecar)", n * perSidecar, "MiB");
            f.info("node collector / sidecars, " + at, rss / (n * perSidecar), "x");
            f.info("node collector anonymous / file-backed RSS, " + at + ": anonymous", r.rssAnonMiB(), "MiB");
            f.info("node collector anonymous / file-backed RSS, " + at + ": file-backed", r.rssFileMiB(), "MiB");
            f.info("node collector live heap after a full GC, " + at, r.liveHeapEndMiB(), "MiB");
            f.info("node collector CPU, " + at, r.cpuPercent(), "% of one core");
            f.info("node collector targets with records, " + at, r.audit().targets(), "targets");
            f.figure("node collector snapshots missing in Kafka, " + at, "0", r.audit().missing(), "sequences",
                    Check.atMost(0));
            if (crossover == null && rss < n * perSidecar) {
                crossover = n;
            }
        }
        if (crossover != null) {
            f.info("node collector cheaper than sidecars from (smallest count measured)", crossover, "volumes");
        } else {
            f.note("the node collector was not cheaper than the sidecars at any count measured");
        }
        if (node.size() >= 2) {
            int lo = node.keySet().iterator().next();
            int hi = node.keySet().stream().reduce((a, b) -> b).orElseThrow();
            double slope = (maxRss(node.get(hi)) - maxRss(node.get(lo))) / (hi - lo);
            double base = maxRss(node.get(lo)) - slope * lo;
            f.info("node collector RSS per added volume (" + lo + " to " + hi + ")", slope, "MiB");
            f.info("node collector RSS at 0 volumes (extrapolated)", base, "MiB");
            f.info("crossover: node collector = sidecars at (extrapolated)", base / (perSidecar - slope), "volumes");
        }
        f.note("sidecar JVM: " + String.join(" ", sidecar.collectorCommand()));
        node.values().stream().findFirst().ifPresent(r -> f.note("node collector JVM: "
                + String.join(" ", r.collectorCommand())));
        f.note("environment of both: " + SidecarBench.ENVIRONMENT + "; each count is a fresh collector and istgt-sim;"
                + " the pods directory holds one pod directory per target, the istgt's socket hard-linked into"
                + " volumes/kubernetes.io~empty-dir/sockfile/istgt_ctl_sock and its istgt.conf copied into"
                + " volumes/kubernetes.io~empty-dir/conf/istgt.conf");
        f.note("RSS = VmRSS of /proc/<pid>/status every second over the window, its maximum; anonymous and"
                + " file-backed at the end of the window; live heap = heap in use after jcmd GC.run at the window's"
                + " end; a sidecar per volume costs N x the one measured (each is its own JVM)");
        return f;
    }

    private static double maxRss(FleetRun.Result r) {
        return r.rssMiB().stream().mapToDouble(d -> d).max().orElse(Double.NaN);
    }

    private static List<String> flags(String text) {
        return Arrays.stream(text.split("\\s+")).filter(s -> !s.isBlank()).toList();
    }
}
