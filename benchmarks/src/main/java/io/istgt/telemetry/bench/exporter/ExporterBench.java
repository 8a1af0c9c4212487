package io.istgt.telemetry.bench.exporter;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.report.LoadAverage;
import io.istgt.telemetry.bench.snapshot.PollReplies;
import io.istgt.telemetry.client.CapturedPoll;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.exporter.IstgtMetricsCollector;
import io.istgt.telemetry.collector.exporter.TargetStates;
import io.istgt.telemetry.protocol.ControlCommand;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a Prometheus scrape of the collector's istgt series costs with a large fleet: {@code --targets} targets (1000),
 * each the real deep capture (three replicas, STATS, INFO) under its own volume name, rendered from the targets'
 * last polls by {@link IstgtMetricsCollector} and written in OpenMetrics text (the format Prometheus asks for), as
 * the HTTP handler does, minus the socket. A printing main: the render is long enough (milliseconds) that a plain
 * loop timed per render measures it; JMH would add nothing here.
 *
 * <p>Options: {@code --targets} (1000), {@code --warmup} (30 renders), {@code --renders} (50),
 * {@code --scrape-interval} (15s), for the share of a core.
 */
public final class ExporterBench {

    /**
     * "Well under a second", judged on the CPU a scrape takes: the wall time on a shared two-core machine is mostly
     * waiting for a core, and is printed beside it.
     */
    static final double TARGET_RENDER_CPU_MS = 500;
    static final double TARGET_CORE_PERCENT = 3;
    private static final List<ControlCommand> DEEP_POLL = List.of(ControlCommand.ISTGTSTATUS, ControlCommand.IOSTATS,
            ControlCommand.REPLICA, ControlCommand.STATUS, ControlCommand.STATS, ControlCommand.INFO,
            ControlCommand.MEMPOOL, ControlCommand.MAXIOWAIT);

    private ExporterBench() {
    }

    public static Figures run(Args args) throws Exception {
        int targets = args.integer("targets", 1000);
        int warmup = args.integer("warmup", 30);
        int renders = args.integer("renders", 50);
        Duration scrapeInterval = args.duration("scrape-interval", Duration.ofSeconds(15));
        args.requireAllRead("exporter");
        String load = LoadAverage.now();

        TargetStates states = new TargetStates(Clock.systemUTC());
        Map<String, byte[]> replies = PollReplies.deepPoll();
        for (int i = 0; i < targets; i++) {
            String socket = "/var/run/istgt/pvc-" + i + ".sock";
            states.succeeded(socket, snapshot(socket, replies, "pvc-" + i), Duration.ofMillis(3), 4);
        }
        IstgtMetricsCollector collector = new IstgtMetricsCollector(states);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        Render last = null;
        for (int i = 0; i < warmup; i++) {
            last = render(collector);
        }
        double[] wallMs = new double[renders];
        double[] cpuMs = new double[renders];
        double[] allocatedMb = new double[renders];
        double[] collectMs = new double[renders];
        for (int i = 0; i < renders; i++) {
            long start = System.nanoTime();
            collector.collect();
            collectMs[i] = (System.nanoTime() - start) / 1e6;
        }
        for (int i = 0; i < renders; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            last = render(collector);
            wallMs[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            allocatedMb[i] = (threads.getCurrentThreadAllocatedBytes() - allocated) / 1e6;
        }
        double cpuMedian = median(cpuMs);
        return new Figures("exporter", "a scrape of the istgt series of " + targets + " targets x 3 replicas, rendered"
                + " and written as OpenMetrics text in this JVM (" + warmup + " renders of warmup, " + renders
                + " measured)")
                .figure("CPU per scrape (render and write), median", "< " + (int) TARGET_RENDER_CPU_MS + " ms",
                        cpuMedian, "ms", Check.below(TARGET_RENDER_CPU_MS))
                .info("wall time per scrape, median", median(wallMs), "ms")
                .info("wall time per scrape, slowest", Arrays.stream(wallMs).max().orElseThrow(), "ms")
                .info("of which the series alone (collect), median", median(collectMs), "ms")
                .figure("share of a core at one scrape per " + scrapeInterval.toSeconds() + " s",
                        "<= " + (int) TARGET_CORE_PERCENT + " %", cpuMedian / scrapeInterval.toMillis() * 100, "%",
                        Check.atMost(TARGET_CORE_PERCENT))
                .info("allocated per scrape, median", median(allocatedMb), "MB")
                .info("series per scrape", last.series(), "series")
                .info("bytes per scrape", last.bytes() / 1e6, "MB")
                .note("load average at start: " + load);
    }

    private record Render(int series, int bytes) {
    }

    private static Render render(IstgtMetricsCollector collector) throws IOException {
        MetricSnapshots snapshots = collector.collect();
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        OpenMetricsTextFormatWriter.create().write(out, snapshots);
        int series = 0;
        for (MetricSnapshot s : snapshots) {
            series += s.getDataPoints().size();
        }
        return new Render(series, out.size());
    }

    /** The deep capture as one target's poll, its volume renamed {@code volume} (vol1 in the capture). */
    private static IstgtSnapshot snapshot(String socket, Map<String, byte[]> replies, String volume)
            throws Exception {
        Map<ControlCommand, List<String>> payloads = new EnumMap<>(ControlCommand.class);
        for (ControlCommand c : DEEP_POLL) {
            List<String> lines = PollReplies.payloads(replies.get(c.name()), c.name());
            payloads.put(c, lines.stream().map(l -> l.replace("vol1", volume)).toList());
        }
        return new CapturedPoll(socket, Instant.now(), PollReplies.ISTGT_VERSION, payloads).snapshot();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

}
