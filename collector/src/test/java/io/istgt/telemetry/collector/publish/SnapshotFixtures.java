package io.istgt.telemetry.collector.publish;

import static io.istgt.telemetry.testsupport.IstgtReplies.miscReply;
import static io.istgt.telemetry.testsupport.IstgtReplies.payloads;
import static io.istgt.telemetry.testsupport.IstgtReplies.reply;

import io.istgt.telemetry.client.CapturedPoll;
import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.protocol.ControlCommand;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Snapshots assembled from the real istgt captures by the real parsers, as a poll would make them. */
public final class SnapshotFixtures {

    public static final String SOCKET = "/var/run/istgt_ctl_sock";
    public static final String IQN = "iqn.2016-09.com.openebs.cstor:vol1";
    public static final String VERSION = "istgt:0.5.20121028:20:38:48:Nov 23 2026";
    public static final Instant COLLECTED_AT = Instant.parse("2026-11-23T20:40:00.123456Z");

    private SnapshotFixtures() {
    }

    /** A deep-visibility istgt after IO (pr263-03 ISTGTSTATUS and IOSTATS; 6161 Degraded, 6162/6163 Healthy). */
    public static IstgtSnapshot deep() {
        return deep(UnaryOperator.identity());
    }

    /** {@link #deep()} with every reply text passed through {@code edit} first (e.g. to change replica ids). */
    public static IstgtSnapshot deep(UnaryOperator<String> edit) {
        return assemble(edit, payloads(reply("pr263-03-ISTGTSTATUS-after-io.raw")),
                "pr263-03-IOSTATS-after-io.raw", "06-healthy-REPLICA.raw");
    }

    /**
     * The STATS payloads of the real capture {@code 11-stats-more-than-ten-opcodes.raw} (in istgt-client's and
     * istgt-sim's test resources): nine PDU opcodes and a pad, ten of 14 SCSI opcodes listed (READ(12), WRITE(12),
     * SYNCHRONIZE CACHE(10) and READ CAPACITY(16) cut).
     */
    public static final List<String> STATS_MORE_THAN_TEN = List.of(
            "PDU:9 [1:3932 0, 3:15 0, 5:2688 0, 6:15 0, 21:0 1830, 23:0 15, 25:0 5168, 26:0 15, 31:0 2688, 0:0 0]",
            "SCSI:14 [0:15 15, 8:510 510, 12:32 32, 1a:8 8, 25:8 8, 28:512 512, 2a:768 768, 5e:15 15, 88:512 512,"
                    + " 8a:512 512]");

    /** A released istgt after IO: no ISTGTSTATUS, three Degraded replicas. */
    public static IstgtSnapshot stock() {
        return stock(payloads(reply("05-after-io-STATS.raw")));
    }

    /** {@link #stock()} with these STATS payloads. */
    public static IstgtSnapshot stock(List<String> stats) {
        return assemble(UnaryOperator.identity(), null, "05-after-io-IOSTATS.raw", "01-degraded-REPLICA.raw", stats);
    }

    private static IstgtSnapshot assemble(UnaryOperator<String> edit, List<String> istgtStatus, String iostats,
                                          String replica) {
        return assemble(edit, istgtStatus, iostats, replica, payloads(reply("05-after-io-STATS.raw")));
    }

    private static IstgtSnapshot assemble(UnaryOperator<String> edit, List<String> istgtStatus, String iostats,
                                          String replica, List<String> stats) {
        Map<ControlCommand, List<String>> replies = new EnumMap<>(ControlCommand.class);
        if (istgtStatus != null) {
            replies.put(ControlCommand.ISTGTSTATUS, edited(istgtStatus, edit));
        }
        replies.put(ControlCommand.IOSTATS, edited(payloads(reply(iostats)), edit));
        replies.put(ControlCommand.REPLICA, edited(payloads(reply(replica)), edit));
        replies.put(ControlCommand.STATUS, payloads(miscReply("STATUS")));
        replies.put(ControlCommand.STATS, stats);
        replies.put(ControlCommand.INFO, payloads(reply("05-after-io-INFO.raw")));
        replies.put(ControlCommand.MEMPOOL, edited(payloads(miscReply("MEMPOOL")), edit));
        replies.put(ControlCommand.MAXIOWAIT, payloads(miscReply("MAXIOWAIT")));
        try {
            return new CapturedPoll(SOCKET, COLLECTED_AT, VERSION, replies).snapshot();
        } catch (IstgtControlException e) {
            throw new IllegalStateException("a capture no longer parses", e);
        }
    }

    private static List<String> edited(List<String> payloads, UnaryOperator<String> edit) {
        return payloads.stream().map(edit).toList();
    }

    /** {@code s} with its one volume replaced. */
    public static IstgtSnapshot withVolume(IstgtSnapshot s, VolumeSnapshot v) {
        return new IstgtSnapshot(s.socketPath(), s.collectedAt(), s.commandSet(), s.istgtVersion(), s.build(),
                s.operatingMode(), s.maxIoWaitSeconds(), s.iscsi(), s.io(), s.queues(), s.mgmtRequests(), List.of(v),
                s.warnings(), s.partialFailures());
    }

    public static IstgtSnapshot withPartialFailures(IstgtSnapshot s, List<PartialFailure> partial) {
        return new IstgtSnapshot(s.socketPath(), s.collectedAt(), s.commandSet(), s.istgtVersion(), s.build(),
                s.operatingMode(), s.maxIoWaitSeconds(), s.iscsi(), s.io(), s.queues(), s.mgmtRequests(), s.volumes(),
                s.warnings(), partial);
    }

    public static IstgtSnapshot collectedAt(IstgtSnapshot s, Instant at) {
        return new IstgtSnapshot(s.socketPath(), at, s.commandSet(), s.istgtVersion(), s.build(),
                s.operatingMode(), s.maxIoWaitSeconds(), s.iscsi(), s.io(), s.queues(), s.mgmtRequests(), s.volumes(),
                s.warnings(), s.partialFailures());
    }
}
