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
import java.util.Map;
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
    public static final String FLAGS = "-Xms8m -Xmx16m -Xss256k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10"
            + " -XX:MaxHeapFreeRatio=30 -XX:MaxMetaspaceSize=40m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=8m"
            + " -XX:CICompilerCount=1 -XX:MaxDirectMemorySize=4m";

    /** glibc's malloc keeps an arena per thread by default: two are plenty for a sidecar. */
    public static final Map<String, String> ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2");

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
            r = FleetRun.run(new FleetRun.Plan("sidecar", 1, interval, warmup, window, flags, Duration.ofSeconds(5),
                    ENVIRONMENT, true), services);
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
        f.info("of which anonymous (heap, metaspace, malloc)", r.rssAnonMiB(), "MiB");
        f.info("of which file-backed (libjvm, CDS archive, jars)", r.rssFileMiB(), "MiB");
        f.info("collector CPU", r.cpuPercent(), "% of one core");
        f.info("GCs (whole run)", gcs.size(), "GCs");
        f.info("live heap at window start (after a full GC)", r.liveHeapStartMiB(), "MiB");
        f.info("live heap at window end (after a full GC)", r.liveHeapEndMiB(), "MiB");
        f.figure("live heap growth over the window", "<= 1 MiB (steady)", r.liveHeapEndMiB() - r.liveHeapStartMiB(),
                "MiB", Check.atMost(1));
        if (!gcs.isEmpty()) {
            f.info("heap committed at last GC", gcs.getLast()[2], "MiB");
        }
        f.figure("snapshots missing in Kafka", "0", r.audit().missing(), "sequences", Check.atMost(0));
        f.info("polls read back", r.audit().volumeRecords(), "snapshots");
        f.note("collector JVM: " + String.join(" ", r.collectorCommand()));
        f.note("environment: " + ENVIRONMENT);
        f.note("RSS = VmRSS of /proc/<pid>/status every 5 s; live heap = heap in use right after a full GC"
                + " (jcmd GC.run, then GC.heap_info) at the start and at the end of the window");
        return f;
    }
}
