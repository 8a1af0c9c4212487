package io.istgt.telemetry.bench.scale;

import io.istgt.telemetry.bench.proc.JavaProcess;
import io.istgt.telemetry.bench.proc.Metrics;
import io.istgt.telemetry.bench.proc.ProcStat;
import io.istgt.telemetry.bench.proc.Repository;
import io.istgt.telemetry.bench.proc.SequenceAudit;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.client.ClientSettings;
import io.istgt.telemetry.testsupport.KubeletPodDirs;
import io.istgt.telemetry.client.ControlConnection;
import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.protocol.ControlCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One measured run of the real collector program ({@code collector.jar run}, its own JVM) polling targets served
 * by istgt-sim (its own JVM) into a real broker and registry: the collector's CPU and RSS over a window, its
 * schedule lateness histogram over the same window, then every record read back and audited by sequence, and the
 * topics' size on the broker.
 */
public final class FleetRun {

    private static final Logger log = LoggerFactory.getLogger(FleetRun.class);
    /** Partitions of the live topics the collector creates for a run (its --topic-partitions). */
    public static final int PARTITIONS = 6;
    private static final String LATENESS = "istgt_collector_schedule_lateness_seconds";

    /**
     * What to run.
     *
     * @param kubeletLayout the targets laid out as the kubelet lays out cStor target pods (each istgt's socket and
     *                      istgt.conf in a pod directory of its own) and found by the collector's
     *                      {@code --kubelet-pods-dir}; otherwise side by side in one {@code --socket-dir}
     */
    public record Plan(String name, int targets, Duration interval, Duration warmup, Duration window,
                       List<String> collectorFlags, Duration rssEvery, Map<String, String> environment,
                       boolean probeLiveHeap, boolean kubeletLayout) {

        public Plan(String name, int targets, Duration interval, Duration warmup, Duration window,
                    List<String> collectorFlags, Duration rssEvery) {
            this(name, targets, interval, warmup, window, collectorFlags, rssEvery, Map.of(), false, false);
        }

        public Plan(String name, int targets, Duration interval, Duration warmup, Duration window,
                    List<String> collectorFlags, Duration rssEvery, Map<String, String> environment,
                    boolean probeLiveHeap) {
            this(name, targets, interval, warmup, window, collectorFlags, rssEvery, environment, probeLiveHeap, false);
        }

        public String volumeTopic() {
            return "bench." + name + ".volume.status";
        }

        public String replicaTopic() {
            return "bench." + name + ".replica.status";
        }
    }

    /** What was measured. */
    public record Result(double cpuPercent, double simCpuPercent, List<Double> rssMiB, double peakRssMiB,
                         TreeMap<Double, Double> lateness, double pollsInWindow, double skippedInWindow,
                         double failedInWindow, SequenceAudit audit, long volumeTopicBytes, long replicaTopicBytes,
                         double istgtStatusJsonBytes, double wholePollBytes, List<String> gcLog,
                         List<String> collectorCommand, double liveHeapStartMiB, double liveHeapEndMiB,
                         double rssAnonMiB, double rssFileMiB, Map<String, Double> threadCpuPercent) {

        /** The JIT compiler threads' share of {@link #threadCpuPercent}. */
        public double jitCpuPercent() {
            return threadCpuPercent.entrySet().stream().filter(e -> ProcStat.isCompilerThread(e.getKey()))
                    .mapToDouble(Map.Entry::getValue).sum();
        }
    }

    private FleetRun() {
    }

    public static Result run(Plan plan, Services services) throws Exception {
        Path dir = Files.createTempDirectory("istgt-bench-");
        Path sockets = Files.createDirectories(dir.resolve("s"));
        Path gcLog = dir.resolve("collector-gc.log");
        try (KubeletPodDirs pods = KubeletPodDirs.create();
             JavaProcess sim = JavaProcess.start("istgt-sim", List.of("--enable-native-access=ALL-UNNAMED",
                        "-XX:+UseSerialGC", "-Xss256k"), Repository.simJar(),
                List.of("--socket-dir", sockets.toString(), "--volumes", Integer.toString(plan.targets()),
                        "--rebuild-time", "5s", "--idle-timeout", "10m"), dir.resolve("istgt-sim.log"))) {
            // each istgt writes its istgt.conf just after it binds its socket
            sim.awaitReady(() -> count(sockets) == plan.targets() && confs(sockets) == plan.targets(),
                    Duration.ofMinutes(2), "serving " + plan.targets() + " sockets, each with its istgt.conf");
            List<String> targetArgs = List.of("--socket-dir", sockets.toString());
            if (plan.kubeletLayout()) {
                for (Path socket : sockets(sockets)) {
                    pods.addPodServing(socket, conf(socket));
                }
                targetArgs = List.of("--kubelet-pods-dir", pods.root().toString());
            }
            int httpPort = freePort();
            List<String> flags = new ArrayList<>(plan.collectorFlags());
            flags.addAll(List.of("--enable-native-access=ALL-UNNAMED",
                    "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.istgt.telemetry.schemas",
                    "-Xlog:gc:file=" + gcLog + ":uptime"));
            Result measured;
            List<String> collectorArgs = new ArrayList<>(List.of("run"));
            collectorArgs.addAll(targetArgs);
            collectorArgs.addAll(List.of("--interval", millis(plan.interval()),
                    "--bootstrap-servers", services.bootstrapServers(),
                    "--schema-registry-url", services.registryUrl(), "--volume-topic", plan.volumeTopic(),
                    "--replica-topic", plan.replicaTopic(), "--topic-partitions", Integer.toString(PARTITIONS), "--http-port", Integer.toString(httpPort),
                    "--http-address", "127.0.0.1", "--collector-id", "bench", "--spool-dir",
                    dir.resolve("spool").toString()));
            try (JavaProcess collector = JavaProcess.start("collector", flags, Repository.collectorJar(), collectorArgs,
                    dir.resolve("collector.log"), plan.environment())) {
                collector.awaitReady(() -> targets(httpPort) >= plan.targets(), Duration.ofMinutes(2),
                        "polling " + plan.targets() + " targets");
                log.info("collector pid {} polls {} targets; warming up {}", collector.pid(), plan.targets(),
                        plan.warmup());
                Thread.sleep(plan.warmup().toMillis());
                measured = window(plan, collector, sim, httpPort);
                int exit = collector.stop(Duration.ofSeconds(30));
                // 143: the JVM's own exit status after SIGTERM once its shutdown hooks have run.
                if (exit != 0 && exit != 143) {
                    throw new IllegalStateException("the collector exited with " + exit + " on SIGTERM; its output:\n"
                            + collector.logTail());
                }
            }
            double[] raw = rawBytes(sockets);
            SequenceAudit audit = SequenceAudit.read(services.bootstrapServers(), services.registryUrl(),
                    plan.volumeTopic(), plan.replicaTopic());
            long[] sizes = topicBytes(services, List.of(plan.volumeTopic(), plan.replicaTopic()));
            return new Result(measured.cpuPercent(), measured.simCpuPercent(), measured.rssMiB(),
                    measured.peakRssMiB(), measured.lateness(), measured.pollsInWindow(), measured.skippedInWindow(),
                    measured.failedInWindow(), audit, sizes[0], sizes[1], raw[0], raw[1],
                    Files.exists(gcLog) ? Files.readAllLines(gcLog) : List.of(), flags, measured.liveHeapStartMiB(),
                    measured.liveHeapEndMiB(), measured.rssAnonMiB(), measured.rssFileMiB(), measured.threadCpuPercent());
        }
    }

    private static Result window(Plan plan, JavaProcess collector, JavaProcess sim, int httpPort) throws Exception {
        double liveStart = plan.probeLiveHeap() ? collector.liveHeapMiB() : Double.NaN;
        Metrics before = Metrics.scrape(httpPort);
        double cpu0 = ProcStat.cpuSeconds(collector.pid());
        double simCpu0 = ProcStat.cpuSeconds(sim.pid());
        Map<String, Double> threadCpu0 = ProcStat.threadCpuSeconds(collector.pid());
        long t0 = System.nanoTime();
        List<Double> rss = new ArrayList<>();
        long end = t0 + plan.window().toNanos();
        while (System.nanoTime() < end) {
            rss.add(ProcStat.rssMiB(collector.pid()));
            Thread.sleep(Math.min(plan.rssEvery().toMillis(), Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
        double cpu1 = ProcStat.cpuSeconds(collector.pid());
        double simCpu1 = ProcStat.cpuSeconds(sim.pid());
        Map<String, Double> threadCpu1 = ProcStat.threadCpuSeconds(collector.pid());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> threadCpuPercent = new TreeMap<>();
        threadCpu1.forEach((name, cpu) -> threadCpuPercent.put(name,
                100 * (cpu - threadCpu0.getOrDefault(name, 0.0)) / seconds));
        rss.add(ProcStat.rssMiB(collector.pid()));
        Metrics after = Metrics.scrape(httpPort);
        double rssAnon = ProcStat.statusKiB(collector.pid(), "RssAnon:") / 1024.0;
        double rssFile = ProcStat.statusKiB(collector.pid(), "RssFile:") / 1024.0;
        double liveEnd = plan.probeLiveHeap() ? collector.liveHeapMiB() : Double.NaN;
        TreeMap<Double, Double> lateness = Metrics.difference(after.buckets(LATENESS), before.buckets(LATENESS));
        double polls = after.sum("istgt_collector_polls_total", "") - before.sum("istgt_collector_polls_total", "");
        double failed = after.sum("istgt_collector_polls_total", "outcome=\"failure\"")
                - before.sum("istgt_collector_polls_total", "outcome=\"failure\"");
        double skipped = after.sum("istgt_collector_polls_skipped_total", "")
                - before.sum("istgt_collector_polls_skipped_total", "");
        return new Result(100 * (cpu1 - cpu0) / seconds, 100 * (simCpu1 - simCpu0) / seconds, rss,
                ProcStat.peakRssMiB(collector.pid()), lateness, polls, skipped, failed, null, 0, 0, 0, 0, List.of(),
                List.of(), liveStart, liveEnd, rssAnon, rssFile, threadCpuPercent);
    }

    /** Average JSON bytes of ISTGTSTATUS, and of every reply of a deep poll, over up to 20 targets, read now. */
    private static double[] rawBytes(Path sockets) throws IOException {
        List<Path> all = sockets(sockets).stream().limit(20).toList();
        double status = 0;
        double whole = 0;
        for (Path socket : all) {
            try (ControlConnection c = ControlConnection.open(socket, ClientSettings.defaults())) {
                for (ControlCommand command : List.of(ControlCommand.ISTGTSTATUS, ControlCommand.IOSTATS,
                        ControlCommand.REPLICA, ControlCommand.STATUS, ControlCommand.STATS, ControlCommand.INFO,
                        ControlCommand.MEMPOOL, ControlCommand.MAXIOWAIT)) {
                    int bytes = c.request(command).stream().mapToInt(String::length).sum();
                    whole += bytes;
                    if (command == ControlCommand.ISTGTSTATUS) {
                        status += bytes;
                    }
                }
            } catch (IstgtControlException e) {
                throw new IOException("cannot read the replies of " + socket + ": " + e.getMessage(), e);
            }
        }
        return new double[] {status / all.size(), whole / all.size()};
    }

    /** Bytes of each topic's log on the broker (all partitions), as the broker reports its log directories. */
    public static long[] topicBytes(Services services, List<String> topics) throws Exception {
        try (Admin admin = services.kafka().admin()) {
            List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList();
            Map<Integer, Map<String, LogDirDescription>> dirs = admin.describeLogDirs(brokers).allDescriptions().get();
            long[] sizes = new long[topics.size()];
            for (Map<String, LogDirDescription> byDir : dirs.values()) {
                for (LogDirDescription d : byDir.values()) {
                    for (Map.Entry<TopicPartition, ReplicaInfo> e : d.replicaInfos().entrySet()) {
                        int i = topics.indexOf(e.getKey().topic());
                        if (i >= 0) {
                            sizes[i] += e.getValue().size();
                        }
                    }
                }
            }
            return sizes;
        }
    }

    private static int targets(int port) {
        try {
            return (int) Metrics.scrape(port).sum("istgt_collector_targets", "");
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static long count(Path dir) {
        return sockets(dir).size();
    }

    private static long confs(Path dir) {
        return sockets(dir).stream().filter(s -> Files.exists(conf(s))).count();
    }

    private static Path conf(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".conf");
    }

    /** The emulators' sockets in {@code dir}, sorted (each has its istgt.conf beside it, which is no socket). */
    private static List<Path> sockets(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String millis(Duration d) {
        return d.toMillis() + "ms";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static double median(Collection<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
