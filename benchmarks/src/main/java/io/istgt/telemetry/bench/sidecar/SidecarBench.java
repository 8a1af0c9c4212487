package io.istgt.telemetry.bench.sidecar;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.scale.FleetRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 3 (issue 6): the sidecar, one collector watching one target every 10 s, with the JVM flags the
 * collector's README recommends: RSS under 64 MiB with a steady heap (the heap after each GC does not grow).
 *
 * <p>Options: {@code --interval} (10s), {@code --warmup} (30s), {@code --duration} (3m), {@code --kafka} (process),
 * {@code --collector-flags} (default {@link #FLAGS}).
 */
public final class SidecarBench {

    /** The flags collector/README.md recommends for a sidecar. */
    public static final String FLAGS = "-Xmx24m -Xss256k -XX:+UseSerialGC -XX:MaxMetaspaceSize=48m"
            + " -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=16m -XX:CICompilerCount=1"
            + " -XX:MaxDirectMemorySize=8m -Xshare:auto";

    private static final Pattern GC_LINE = Pattern.compile("\\[(\\d+\\.\\d+)s\\].*Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private SidecarBench() {
    }

    public static Figures run(Args args) throws Exception {
        Duration interval = args.duration("interval", Duration.ofSeconds(10));
        Duration warmup = args.duration("warmup", Duration.ofSeconds(30));
        Duration window = args.duration("duration", Duration.ofMinutes(3));
        String kafka = args.string("kafka", "process");
        List<String> flags = Arrays.stream(args.string("collector-flags", FLAGS).split("\\s+"))
                .filter(f -> !f.isBlank()).toList();
        args.requireAllRead("sidecar");
        FleetRun.Result r;
        try (Services services = Services.start(kafka)) {
            r = FleetRun.run(new FleetRun.Plan("sidecar", 1, interval, warmup, window, flags, Duration.ofSeconds(5)), services);
        }
        List<double[]> gcs = new ArrayList<>();
        for (String line : r.gcLog()) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                gcs.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(3)),
                        Double.parseDouble(m.group(4))});
            }
        }
        double maxRss = r.rssMiB().stream().mapToDouble(d -> d).max().orElse(0);
        Figures f = new Figures("sidecar", "one collector (collector.jar run, own JVM) watching one istgt-sim target"
                + " every " + interval.toSeconds() + " s; RSS over " + window.toSeconds() + " s after "
                + warmup.toSeconds() + " s");
        f.figure("collector RSS, max in window", "< 64 MiB", maxRss, "MiB", Check.below(64));
        f.info("collector RSS, first sample", r.rssMiB().getFirst(), "MiB");
        f.info("collector RSS, last sample", r.rssMiB().getLast(), "MiB");
        f.info("collector RSS, peak (VmHWM)", r.peakRssMiB(), "MiB");
        f.info("collector CPU", r.cpuPercent(), "% of one core");
        f.info("GCs (whole run)", gcs.size(), "GCs");
        if (gcs.size() >= 2) {
            int half = gcs.size() / 2;
            double firstHalf = gcs.subList(0, half).stream().mapToDouble(g -> g[1]).max().orElse(0);
            double secondHalf = gcs.subList(half, gcs.size()).stream().mapToDouble(g -> g[1]).max().orElse(0);
            f.info("heap after GC, max of first half of GCs", firstHalf, "MiB");
            f.info("heap after GC, max of second half", secondHalf, "MiB");
            f.figure("heap after GC growth (2nd half - 1st)", "<= 1 MiB (steady)", secondHalf - firstHalf, "MiB",
                    Check.atMost(1));
            f.info("heap committed at last GC", gcs.getLast()[2], "MiB");
        } else {
            f.note("fewer than 2 GCs in the run: heap steadiness not judged (run longer)");
        }
        f.figure("snapshots missing in Kafka", "0", r.audit().missing(), "sequences", Check.atMost(0));
        f.info("polls read back", r.audit().volumeRecords(), "snapshots");
        f.note("collector JVM: " + String.join(" ", r.collectorCommand()));
        f.note("RSS = VmRSS of /proc/<pid>/status every 5 s; heap after GC from -Xlog:gc (after-GC occupancy)");
        return f;
    }
}
