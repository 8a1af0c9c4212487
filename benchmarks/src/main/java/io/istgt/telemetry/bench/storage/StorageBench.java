package io.istgt.telemetry.bench.storage;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.scale.FleetRun;
import io.istgt.telemetry.bench.scale.ScaleBench;
import io.istgt.telemetry.bench.sidecar.SidecarBench;
import io.istgt.telemetry.collector.config.RunSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 6: bytes on the broker per volume snapshot with its 3 replicas, written by the real collector
 * program with its real producer settings (zstd, linger.ms 50, batch.size 256 KiB), against the raw ISTGTSTATUS
 * JSON of the same targets. Target: at least 20 times smaller. Counters move between polls (the emulator's IO at
 * 20 IOPS), so no two records are alike.
 *
 * <p>The broker keeps a snapshot twice: in the live status topics for days (one record per poll, for the analytics
 * and near-term consumers) and in the history topics for a year (the product's {@link HistoryRun history writer}
 * copies the live records into delta-encoded blocks of one key). The checked figure is what the broker holds per
 * snapshot retained at the product's retention defaults, both kinds of topic together.
 *
 * <p>How many polls share a producer batch decides how well zstd does on the live topics, and that depends on the
 * deployment: a collector with many targets (the fleet run) against one with a single target (the sidecar run, one
 * poll per batch whatever its interval, since linger.ms 50 is far below it). Both are measured.
 *
 * <p>Options: {@code --targets} (200, fleet run), {@code --interval} (1s), {@code --duration} (110 intervals each), {@code --kafka} (process).
 */
public final class StorageBench {

    static final double TARGET = 20;

    /**
     * The product's retention defaults: the collector's topic-retention for the live topics, the analytics'
     * output.retention.ms for the history topics.
     */
    private static final Retention PRODUCT = new Retention(
            days(RunSettings.TOPIC_RETENTION.parser().apply(RunSettings.TOPIC_RETENTION.defaultText())),
            days(new AnalyticsConfig(Map.of()).getLong(AnalyticsConfig.HISTORY_RETENTION_MS)));
    /** Other splits an operator might choose, printed for comparison. */
    private static final List<Retention> OTHERS = List.of(new Retention(3, 365), new Retention(30, 365),
            new Retention(30, 90));

    /**
     * Polls per volume in the warmup and in the default window: 115 in all, two history blocks of 60, the second
     * nearly full, as a writer running for days writes them. A few polls more would add a third block of a few
     * records and overstate the steady state.
     */
    private static final int WARMUP_POLLS = 5;
    private static final int WINDOW_POLLS = 110;

    private StorageBench() {
    }

    public static Figures run(Args args) throws Exception {
        int targets = args.integer("targets", 200);
        // 1 s by default: a run of minutes. The product's default is 10 s, where the counters move ten times as
        // much between polls (the emulator's IO rate is per second), and a run takes 20 minutes per deployment.
        Duration interval = args.duration("interval", Duration.ofSeconds(1));
        Duration window = args.duration("duration", interval.multipliedBy(WINDOW_POLLS));
        String kafka = args.string("kafka", "process");
        args.requireAllRead("storage");
        Deployment fleet;
        Deployment sidecar;
        CompressionFloor.Result floor;
        try (Services services = Services.start(kafka)) {
            FleetRun.Plan fleetPlan = plan("storage-fleet", targets, interval, window, ScaleBench.FLAGS);
            fleet = Deployment.run(services, fleetPlan);
            floor = CompressionFloor.measure(services, fleetPlan.volumeTopic(), fleetPlan.replicaTopic());
            sidecar = Deployment.run(services, plan("storage-sidecar", 1, interval, window, SidecarBench.FLAGS));
        }
        Figures f = new Figures("storage", "bytes on the broker per volume snapshot (1 VolumeStatus + 3"
                + " ReplicaStatus, keys included) vs the raw ISTGTSTATUS JSON, retained at the product's defaults ("
                + PRODUCT + "); collector.jar run with its producer settings, istgt-sim counters moving, then the"
                + " analytics' HistoryWriter over the run's live topics");
        f.note("polls every " + interval.toMillis() / 1000.0 + " s (the product's default is 10 s; the emulator's IO"
                + " moves the counters at a fixed rate per second, so a longer interval means larger differences)");
        add(f, "fleet (" + targets + " targets, 1 collector)", fleet);
        add(f, "sidecar (1 target)", sidecar);
        double json = fleet.json();
        f.info("floor: snapshot uncompressed (keys and values in the wire format)", floor.raw(), "B");
        f.info("floor: zstd of each snapshot alone", floor.alone(), "B");
        f.info("floor: zstd given the volume's previous snapshot (dictionary)", floor.givenPrevious(), "B");
        f.figure("floor: ratio vs ISTGTSTATUS given the previous snapshot", ">= " + (int) TARGET + " x",
                json / floor.givenPrevious(), "x", Check.INFO);
        f.info("floor: zstd -3 of each volume's whole history as one stream", floor.wholeHistory(), "B");
        f.info("floor: zstd -19 of each volume's whole history as one stream", floor.wholeHistoryMax(), "B");
        f.figure("floor: ratio vs ISTGTSTATUS, whole history at zstd -19", ">= " + (int) TARGET + " x",
                json / floor.wholeHistoryMax(), "x", Check.INFO);
        f.info("floor, numbers delta-encoded: zstd given the volume's previous snapshot", floor.deltaGivenPrevious(),
                "B");
        f.info("floor, numbers delta-encoded: zstd -19 of each volume's whole history", floor.deltaWholeHistoryMax(),
                "B");
        f.figure("floor, numbers delta-encoded: ratio vs ISTGTSTATUS, whole history at zstd -19",
                ">= " + (int) TARGET + " x", json / floor.deltaWholeHistoryMax(), "x", Check.INFO);
        f.note("retained = broker bytes per snapshot kept when the live topics keep the last L days and the history"
                + " topics H days: (L x live + H x history) / H; checked at the product's defaults, " + PRODUCT
                + " (collector topic-retention, analytics output.retention.ms); the other splits and the live topics"
                + " alone (what one record per poll costs) are INFO");
        f.note("history: the analytics' HistoryWriter, in this JVM with its defaults (blocks of up to 60 records of"
                + " one key, zstd) but an idle close of 5 poll intervals, started before each run and following its live topics as"
                + " the polls arrive, into history topics created as the analytics creates them (zstd, 365 d, as many"
                + " partitions as the live topic); closed once its group had committed the live topics' end offsets"
                + " after the collector stopped (it commits only past blocks the broker acknowledged); history bytes"
                + " = both history topics' log size / snapshots; blocks = their records");
        f.note("history blocks: each block's first record is whole, the rest deltas, so a key's last, partial block"
                + " costs about a whole record for few snapshots and raises the figure above a writer running for"
                + " days (every block full, a partial one only when a key stops or the writer restarts): the run"
                + " gives each volume just under two blocks of polls, so the lower the records per block are below"
                + " 60, the more the figure overstates the steady state");
        f.note("floor: the fleet run's records read back from the broker, grouped per volume and collection time, "
                + floor.snapshots() + " snapshots of " + floor.volumes() + " volumes; without Kafka's record and batch"
                + " headers, so no batching or producer setting of the live topics can do better than these;"
                + " 'numbers delta-encoded' applies the history blocks' encoding (SnapshotDeltas) to each volume's"
                + " whole run");
        f.note("live bytes = sum of the partitions' log sizes of both live topics (Admin.describeLogDirs) / volume"
                + " records read back (= snapshots); raw = mean length of ISTGTSTATUS's JSON line over up to 20"
                + " targets at the end (its counters differ between polls only in their digits)");
        f.note("'whole poll' = the JSON and text of all 8 replies of a deep poll (ISTGTSTATUS, IOSTATS, REPLICA,"
                + " STATUS, STATS, INFO, MEMPOOL, MAXIOWAIT), which the records also carry");
        return f;
    }

    private static void add(Figures f, String label, Deployment d) {
        String target = ">= " + (int) TARGET + " x";
        f.info(label + ": ISTGTSTATUS JSON", d.json(), "B");
        f.info(label + ": snapshots", d.snapshots(), "snapshots");
        f.info(label + ": polls per volume, fewest", d.live().audit().minPolls(), "polls");
        f.info(label + ": live topics: broker bytes per snapshot", d.liveBytes(), "B");
        f.figure(label + ": live topics: ratio vs ISTGTSTATUS", target, d.json() / d.liveBytes(), "x", Check.INFO);
        f.info(label + ": live topics: ratio vs whole poll", d.live().wholePollBytes() / d.liveBytes(), "x");
        f.info(label + ": history: broker bytes per snapshot", d.historyBytes(), "B");
        f.figure(label + ": history: ratio vs ISTGTSTATUS", target, d.json() / d.historyBytes(), "x", Check.INFO);
        f.info(label + ": history: blocks", d.history().blocks(), "blocks");
        f.info(label + ": history: records per block (mean)", d.recordsPerBlock(), "records");
        f.info(label + ": retained at " + PRODUCT + ": broker bytes per snapshot", d.retainedBytes(PRODUCT), "B");
        f.figure(label + ": retained at " + PRODUCT + ": ratio vs ISTGTSTATUS", target,
                d.json() / d.retainedBytes(PRODUCT), "x", Check.atLeast(TARGET));
        for (Retention other : OTHERS) {
            f.figure(label + ": retained at " + other + ": ratio vs ISTGTSTATUS", target,
                    d.json() / d.retainedBytes(other), "x", Check.INFO);
        }
    }

    /** Days the live status topics and the history topics keep their records. */
    private static int days(long millis) {
        return Math.toIntExact(Duration.ofMillis(millis).toDays());
    }

    private record Retention(int liveDays, int historyDays) {

        /** Bytes per snapshot retained: the live topics hold the last liveDays in full, the history all historyDays. */
        double bytesPerSnapshot(double live, double history) {
            return (liveDays * live + historyDays * history) / historyDays;
        }

        @Override
        public String toString() {
            return liveDays + " d live + " + historyDays + " d history";
        }
    }

    /** One deployment's run: its live topics as the collector wrote them, then their history. */
    private record Deployment(FleetRun.Result live, HistoryRun.Result history) {

        static Deployment run(Services services, FleetRun.Plan plan) throws Exception {
            HistoryRun history = HistoryRun.start(services, plan);
            FleetRun.Result live = FleetRun.run(plan, services);
            return new Deployment(live, history.finish());
        }

        /** One volume record per poll: the snapshots, failed polls included, in the live topics and the history. */
        double snapshots() {
            return live.audit().volumeRecords();
        }

        double json() {
            return live.istgtStatusJsonBytes();
        }

        double liveBytes() {
            return (live.volumeTopicBytes() + live.replicaTopicBytes()) / snapshots();
        }

        double historyBytes() {
            return history.bytes() / snapshots();
        }

        double recordsPerBlock() {
            return (live.audit().volumeRecords() + live.audit().replicaRecords()) / (double) history.blocks();
        }

        double retainedBytes(Retention retention) {
            return retention.bytesPerSnapshot(liveBytes(), historyBytes());
        }
    }

    private static FleetRun.Plan plan(String name, int targets, Duration interval, Duration window, String flags) {
        return new FleetRun.Plan(name, targets, interval, interval.multipliedBy(WARMUP_POLLS), window,
                Arrays.stream(flags.split("\\s+")).filter(s -> !s.isBlank()).toList(), Duration.ofSeconds(5));
    }
}
