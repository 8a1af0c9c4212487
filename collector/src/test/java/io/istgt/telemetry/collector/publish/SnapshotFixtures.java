package io.istgt.telemetry.collector.publish;

import static io.istgt.telemetry.collector.fake.Fixtures.miscReply;
import static io.istgt.telemetry.collector.fake.Fixtures.payloads;
import static io.istgt.telemetry.collector.fake.Fixtures.reply;

import io.istgt.telemetry.collector.reply.InfoParser;
import io.istgt.telemetry.collector.reply.IostatsParser;
import io.istgt.telemetry.collector.reply.IstgtStatusParser;
import io.istgt.telemetry.collector.reply.MalformedReplyException;
import io.istgt.telemetry.collector.reply.MempoolParser;
import io.istgt.telemetry.collector.reply.ReplicaParser;
import io.istgt.telemetry.collector.reply.StatsParser;
import io.istgt.telemetry.collector.reply.TextParsers;
import io.istgt.telemetry.collector.session.Replies;
import io.istgt.telemetry.collector.session.SnapshotAssembler;
import io.istgt.telemetry.collector.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.snapshot.PartialFailure;
import io.istgt.telemetry.collector.snapshot.VolumeSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** Snapshots assembled from the real istgt captures by the real parsers, as a poll would make them. */
final class SnapshotFixtures {

    static final String SOCKET = "/var/run/istgt_ctl_sock";
    static final String IQN = "iqn.2016-09.com.openebs.cstor:vol1";
    static final String VERSION = "istgt:0.5.20121028:20:38:48:Nov 23 2026";
    static final Instant COLLECTED_AT = Instant.parse("2026-11-23T20:40:00.123456Z");

    private SnapshotFixtures() {
    }

    /** A deep-visibility istgt after IO (pr263-03 ISTGTSTATUS and IOSTATS; 6161 Degraded, 6162/6163 Healthy). */
    static IstgtSnapshot deep() {
        return deep(UnaryOperator.identity());
    }

    /** {@link #deep()} with every reply text passed through {@code edit} first (e.g. to change replica ids). */
    static IstgtSnapshot deep(UnaryOperator<String> edit) {
        return assemble(edit, payloads(reply("pr263-03-ISTGTSTATUS-after-io.raw")),
                "pr263-03-IOSTATS-after-io.raw", "06-healthy-REPLICA.raw");
    }

    /** A released istgt after IO: no ISTGTSTATUS, three Degraded replicas. */
    static IstgtSnapshot stock() {
        return assemble(UnaryOperator.identity(), null, "05-after-io-IOSTATS.raw", "01-degraded-REPLICA.raw");
    }

    private static IstgtSnapshot assemble(UnaryOperator<String> edit, List<String> istgtStatus, String iostats,
                                          String replica) {
        try {
            Replies r = new Replies(VERSION,
                    istgtStatus == null ? null : IstgtStatusParser.parse(edited(istgtStatus, edit)),
                    IostatsParser.parse(edited(payloads(reply(iostats)), edit)),
                    ReplicaParser.parse(edited(payloads(reply(replica)), edit)),
                    TextParsers.status(payloads(miscReply("STATUS"))),
                    StatsParser.parse(payloads(reply("05-after-io-STATS.raw"))),
                    InfoParser.parse(payloads(reply("05-after-io-INFO.raw"))),
                    MempoolParser.parse(edited(payloads(miscReply("MEMPOOL")), edit)),
                    120L);
            return SnapshotAssembler.assemble(SOCKET, COLLECTED_AT, r, List.of(), List.of());
        } catch (MalformedReplyException e) {
            throw new IllegalStateException("a capture no longer parses", e);
        }
    }

    private static List<String> edited(List<String> payloads, UnaryOperator<String> edit) {
        return payloads.stream().map(edit).toList();
    }

    /** {@code s} with its one volume replaced. */
    static IstgtSnapshot withVolume(IstgtSnapshot s, VolumeSnapshot v) {
        return new IstgtSnapshot(s.socketPath(), s.collectedAt(), s.commandSet(), s.istgtVersion(), s.build(),
                s.operatingMode(), s.maxIoWaitSeconds(), s.iscsi(), s.io(), s.queues(), s.mgmtRequests(), List.of(v),
                s.warnings(), s.partialFailures());
    }

    static IstgtSnapshot withPartialFailures(IstgtSnapshot s, List<PartialFailure> partial) {
        return new IstgtSnapshot(s.socketPath(), s.collectedAt(), s.commandSet(), s.istgtVersion(), s.build(),
                s.operatingMode(), s.maxIoWaitSeconds(), s.iscsi(), s.io(), s.queues(), s.mgmtRequests(), s.volumes(),
                s.warnings(), partial);
    }

    static IstgtSnapshot collectedAt(IstgtSnapshot s, Instant at) {
        return new IstgtSnapshot(s.socketPath(), at, s.commandSet(), s.istgtVersion(), s.build(),
                s.operatingMode(), s.maxIoWaitSeconds(), s.iscsi(), s.io(), s.queues(), s.mgmtRequests(), s.volumes(),
                s.warnings(), s.partialFailures());
    }
}
