package io.istgt.telemetry.bench.storage;

import io.istgt.telemetry.bench.Args;
import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import io.istgt.telemetry.bench.report.Figures.Check;
import io.istgt.telemetry.bench.scale.FleetRun;
import io.istgt.telemetry.bench.sidecar.SidecarBench;
import io.istgt.telemetry.bench.scale.ScaleBench;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Benchmark 6 (issue 6): bytes on the broker per volume snapshot with its 3 replicas (both topics' log size over
 * the snapshots in them), written by the real collector program with its real producer settings (zstd,
 * linger.ms 50, batch.size 256 KiB), against the raw ISTGTSTATUS JSON of the same targets. Target: at least 20
 * times smaller. Counters move between polls (the emulator's IO at 20 IOPS), so no two records are alike.
 *
 * <p>How many polls share a producer batch decides how well zstd does, and that depends on the deployment: a
 * collector with many targets (the fleet run) against one with a single target (the sidecar run, one poll per
 * batch whatever its interval, since linger.ms 50 is far below it). Both are measured.
 *
 * <p>Options: {@code --targets} (200, fleet run), {@code --duration} (60s each), {@code --kafka} (process).
 */
public final class StorageBench {

    static final double TARGET = 20;
    /** Retention of the live topics and of a history topic, in days, for the history design's bytes on the broker. */
    private static final int[][] RETENTIONS = {{3, 365}, {30, 365}, {30, 90}};

    private StorageBench() {
    }

    public static Figures run(Args args) throws Exception {
        int targets = args.integer("targets", 200);
        Duration window = args.duration("duration", Duration.ofSeconds(60));
        String kafka = args.string("kafka", "process");
        args.requireAllRead("storage");
        FleetRun.Result fleet;
        FleetRun.Result sidecar;
        CompressionFloor.Result floor;
        try (Services services = Services.start(kafka)) {
            fleet = FleetRun.run(new FleetRun.Plan("storage-fleet", targets, Duration.ofSeconds(1), Duration.ofSeconds(5),
                    window, flags(ScaleBench.FLAGS), Duration.ofSeconds(5)), services);
            floor = CompressionFloor.measure(services, "bench.storage-fleet.volume.status",
                    "bench.storage-fleet.replica.status");
            sidecar = FleetRun.run(new FleetRun.Plan("storage-sidecar", 1, Duration.ofSeconds(1), Duration.ofSeconds(5),
                    window, flags(SidecarBench.FLAGS), Duration.ofSeconds(5)), services);
        }
        Figures f = new Figures("storage", "bytes on the broker per volume snapshot (1 VolumeStatus + 3"
                + " ReplicaStatus, keys included) vs the raw ISTGTSTATUS JSON; collector.jar run with its producer"
                + " settings, istgt-sim counters moving");
        add(f, "fleet (" + targets + " targets, 1 collector)", fleet);
        add(f, "sidecar (1 target)", sidecar);
        double json = fleet.istgtStatusJsonBytes();
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
        f.info("history blocks of " + CompressionFloor.BLOCK_SNAPSHOTS + " delta-encoded snapshots, zstd -3: broker"
                + " bytes per snapshot", floor.blocksOnBroker(), "B");
        f.figure("history blocks: ratio vs ISTGTSTATUS", ">= " + (int) TARGET + " x", json / floor.blocksOnBroker(),
                "x", Check.INFO);
        double live = brokerBytesPerSnapshot(fleet);
        for (int[] days : RETENTIONS) {
            // Per snapshot retained: the live topics hold the last days[0] days in full, the history all days[1].
            double retained = (days[0] * live + days[1] * floor.blocksOnBroker()) / days[1];
            f.figure("history blocks + live topics (fleet), " + days[0] + " d live, " + days[1] + " d history",
                    ">= " + (int) TARGET + " x", json / retained, "x", Check.INFO);
        }
        f.note("history blocks: a trial of the format target 6 would need, not written by the product: the fleet"
                + " run's snapshots of each volume (its volume and replica records) in blocks of "
                + CompressionFloor.BLOCK_SNAPSHOTS + " (each decodable alone), " + floor.blocks() + " blocks, each one"
                + " Kafka record in a batch of its own on a topic of the same broker; bytes = that topic's log size /"
                + " snapshots; '+ live topics': bytes per snapshot retained when the live topics keep the last days of"
                + " the fleet run's records in full and the history topic all of its days");
        f.note("floor: the fleet run's records read back from the broker, grouped per volume and collection time, "
                + floor.snapshots() + " snapshots of " + floor.volumes() + " volumes; without Kafka's record and batch"
                + " headers, so no batching or producer setting can do better than these; 'numbers delta-encoded'"
                + " re-encodes every long and int as its difference to the same key's previous record, the schema"
                + " change the target would need (not a format the collector writes)");
        f.note("broker bytes = sum of the partitions' log sizes of both topics (Admin.describeLogDirs) / volume"
                + " records read back; raw = mean length of ISTGTSTATUS's JSON line over up to 20 targets at the end"
                + " (its counters differ between polls only in their digits)");
        f.note("'whole poll' = the JSON and text of all 8 replies of a deep poll (ISTGTSTATUS, IOSTATS, REPLICA,"
                + " STATUS, STATS, INFO, MEMPOOL, MAXIOWAIT), which the records also carry");
        return f;
    }

    private static void add(Figures f, String label, FleetRun.Result r) {
        double perSnapshot = brokerBytesPerSnapshot(r);
        f.info(label + ": broker bytes per snapshot", perSnapshot, "B");
        f.info(label + ": ISTGTSTATUS JSON", r.istgtStatusJsonBytes(), "B");
        f.figure(label + ": ratio vs ISTGTSTATUS", ">= " + (int) TARGET + " x", r.istgtStatusJsonBytes() / perSnapshot,
                "x", Check.atLeast(TARGET));
        f.info(label + ": ratio vs whole poll", r.wholePollBytes() / perSnapshot, "x");
        f.info(label + ": snapshots", r.audit().volumeRecords(), "snapshots");
    }

    /** Both topics' log bytes over the volume records read back: one snapshot each. */
    private static double brokerBytesPerSnapshot(FleetRun.Result r) {
        return (r.volumeTopicBytes() + r.replicaTopicBytes()) / (double) r.audit().volumeRecords();
    }

    private static List<String> flags(String flags) {
        return Arrays.stream(flags.split("\\s+")).filter(s -> !s.isBlank()).toList();
    }
}
