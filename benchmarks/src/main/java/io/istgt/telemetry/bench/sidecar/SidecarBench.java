package io.istgt.telemetry.bench.sidecar;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.IdleJvm;
import io.istgt.telemetry.bench.proc.JavaProcess;
import io.istgt.telemetry.bench.proc.MemoryProbe;
import io.istgt.telemetry.bench.proc.Repository;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.scale.FleetRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 3 (issue 6): the sidecar, one collector watching one target every 10 s, with the JVM flags the
 * collector's README recommends: RSS under 64 MiB with a steady heap (the heap after each GC does not grow).
 *
 * <p>Next to it, in the same run and with the same flags and environment, a JVM that does nothing ({@link IdleJvm}):
 * the floor the JVM itself sets, so the report shows what the collector adds to it. Both are attributed with
 * {@code /proc/PID/smaps_rollup}, their thread and class counts and, with {@code --nmt true}, native memory
 * tracking ({@code -XX:NativeMemoryTracking=summary} added to both; it costs about 2 MiB of its own).
 *
 * <p>Options: {@code --interval} (10s), {@code --warmup} (30s), {@code --duration} (3m), {@code --kafka} (process),
 * {@code --collector-flags} (default {@link #FLAGS}), {@code --collector-env} (more environment variables for the
 * collector, {@code NAME=VALUE,...}, e.g. {@code ISTGT_COLLECTOR_PRODUCER_CONFIG=FILE}), {@code --nmt} (false).
 */
public final class SidecarBench {

    /** The flags collector/README.md recommends for a sidecar (-Xint: a poll every 10 s needs no JIT). */
    public static final String FLAGS = "-Xms8m -Xmx16m -Xss256k -XX:+UseSerialGC -XX:MinHeapFreeRatio=10"
            + " -XX:MaxHeapFreeRatio=30 -XX:MaxMetaspaceSize=40m -Xint -XX:ReservedCodeCacheSize=8m"
            + " -XX:MaxDirectMemorySize=4m";

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
        boolean nmt = args.flag("nmt");
        Map<String, String> collectorEnvironment = new HashMap<>();
        for (String kv : args.string("collector-env", "").split(",")) {
            if (!kv.isBlank()) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--collector-env takes NAME=VALUE,..., got '" + kv + "'");
                }
                collectorEnvironment.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
            }
        }
        args.requireAllRead("sidecar");
        if (nmt) {
            flags = new ArrayList<>(flags);
            flags.add("-XX:NativeMemoryTracking=summary");
        }
        FleetRun.Result r;
        Optional<MemoryProbe> collector;
        MemoryProbe floor;
        Path dir = Files.createTempDirectory("istgt-bench-floor-");
        try (JavaProcess idle = JavaProcess.startMain("idle JVM", floorFlags(flags), classpathOf(IdleJvm.class),
                IdleJvm.class.getName(), List.of(), dir.resolve("idle.log"), ENVIRONMENT)) {
            try (Services services = Services.start(kafka);
                 CollectorProbes probes = CollectorProbes.start(clamp(window.dividedBy(4)))) {
                // FleetRun gives the collector a spool directory of its own (--spool-dir).
                Map<String, String> environment = new HashMap<>(ENVIRONMENT);
                environment.putAll(collectorEnvironment);
                r = FleetRun.run(new FleetRun.Plan("sidecar", 1, interval, warmup, window, flags,
                        Duration.ofSeconds(5), environment, true), services);
                collector = probes.last();
            }
            if (!idle.isAlive()) {
                throw new IllegalStateException("the idle JVM exited; its output:\n" + idle.logTail());
            }
            floor = MemoryProbe.of(idle.pid());
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
        f.info("floor: idle JVM RSS, same flags, same run", floor.rssMiB(), "MiB");
        f.info("collector RSS above the floor (max in window - floor)", maxRss - floor.rssMiB(), "MiB");
        f.info("collector RSS / floor", maxRss / floor.rssMiB(), "x");
        attribute(f, "floor", floor);
        collector.ifPresent(c -> attribute(f, "collector", c));
        f.note("collector JVM: " + String.join(" ", r.collectorCommand()));
        f.note("environment: " + ENVIRONMENT + ", and ISTGT_COLLECTOR_SPOOL_DIR (a temporary directory) for the collector"
                + (collectorEnvironment.isEmpty() ? "" : ", and for the collector " + collectorEnvironment));
        f.note("RSS = VmRSS of /proc/<pid>/status every 5 s; live heap = heap in use right after a full GC"
                + " (jcmd GC.run, then GC.heap_info) at the start and at the end of the window");
        f.note("floor: " + IdleJvm.class.getName() + " (a main that sleeps) with the collector's flags and environment,"
                + " alive as long as the collector, read at the end; attribution from /proc/<pid>/smaps_rollup,"
                + " /proc/<pid>/status (Threads), jcmd PerfCounter.print (classes)"
                + (nmt ? " and jcmd VM.native_memory summary (NMT, committed)" : "; --nmt true adds native memory"
                + " tracking")
                + (collector.isPresent() ? "; the collector's probe is the last one taken in the run (every "
                + clamp(window.dividedBy(4)).toSeconds() + " s)" : "; no probe of the collector was taken"));
        f.note("JDK: " + System.getProperty("java.home") + " (" + Runtime.version() + ")");
        return f;
    }

    private static void attribute(Figures f, String who, MemoryProbe p) {
        f.info(who + ": anonymous (smaps_rollup)", p.anonymousMiB(), "MiB");
        f.info(who + ": file-backed (smaps_rollup)", p.fileMiB(), "MiB");
        f.info(who + ": private dirty (smaps_rollup)", p.privateDirtyMiB(), "MiB");
        f.info(who + ": threads", p.threads(), "threads");
        if (p.classesLoaded() >= 0) {
            f.info(who + ": classes loaded from class files", p.classesLoaded(), "classes (+ "
                    + p.classesShared() + " from the CDS archive)");
        }
        p.nmtCommittedMiB().forEach((category, mib) -> {
            if (mib >= 0.1) {
                f.info(who + ": NMT committed, " + category, mib, "MiB");
            }
        });
    }

    /**
     * The collector's flags for the idle JVM, without those of an application CDS archive
     * ({@code -XX:SharedArchiveFile}, {@code -XX:ArchiveClassesAtExit}, {@code -XX:+AutoCreateSharedArchive}): an
     * archive of the collector's classes means nothing to it (and it would write over one made for another class
     * path when it exits); it maps the JDK's default archive.
     */
    static List<String> floorFlags(List<String> flags) {
        return flags.stream().filter(f -> !f.startsWith("-XX:SharedArchiveFile=")
                && !f.startsWith("-XX:ArchiveClassesAtExit=") && !f.equals("-XX:+AutoCreateSharedArchive")).toList();
    }

    private static Duration clamp(Duration d) {
        Duration min = Duration.ofSeconds(2);
        Duration max = Duration.ofSeconds(30);
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    private static String classpathOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /**
     * Probes the collector (this JVM's descendant running collector.jar) every {@code period} while it runs, from
     * outside (jcmd, /proc), and keeps the last probe taken while it was still running normally: one followed by a
     * live process 2 s later, so a probe during its shutdown is not kept.
     */
    private static final class CollectorProbes implements AutoCloseable {

        private final AtomicReference<MemoryProbe> last = new AtomicReference<>();
        private final Thread thread;

        private CollectorProbes(Duration period) {
            String jar = Repository.collectorJar().toString();
            thread = Thread.ofPlatform().daemon().name("collector-probes").start(() -> {
                try {
                    while (true) {
                        Thread.sleep(period.toMillis());
                        Optional<ProcessHandle> found = ProcessHandle.current().descendants()
                                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(jar)).orElse(false))
                                .findFirst();
                        if (found.isEmpty()) {
                            continue;
                        }
                        try {
                            MemoryProbe p = MemoryProbe.of(found.get().pid());
                            Thread.sleep(2000);
                            if (found.get().isAlive()) {
                                last.set(p);
                            }
                        } catch (java.io.IOException | RuntimeException e) {
                            // Started or stopping between the look-up and the probe: the next one counts.
                        }
                    }
                } catch (InterruptedException e) {
                    // closed
                }
            });
        }

        static CollectorProbes start(Duration period) {
            return new CollectorProbes(period);
        }

        Optional<MemoryProbe> last() {
            return Optional.ofNullable(last.get());
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
        }
    }
}
