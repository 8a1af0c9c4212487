package io.istgt.telemetry.client.reply;

import static io.istgt.telemetry.testsupport.IstgtReplies.miscReply;
import static io.istgt.telemetry.testsupport.IstgtReplies.payloads;
import static io.istgt.telemetry.testsupport.IstgtReplies.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.client.snapshot.CommandSet;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.LunState;
import io.istgt.telemetry.client.snapshot.MempoolUsage;
import io.istgt.telemetry.client.snapshot.OpcodeCount;
import io.istgt.telemetry.client.snapshot.ReplicaCounts;
import io.istgt.telemetry.client.snapshot.ReplicaErrorCounts;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaIoTimes;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotAssemblerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:40:00Z");
    private static final String VERSION = "istgt:0.5.20121028:20:38:48:Nov 23 2026";

    private static String deepStatus() {
        return payloads(reply("pr263-03-ISTGTSTATUS-after-io.raw")).get(0);
    }

    private static Replies replies(String istgtStatus, List<String> iostats, String replica) throws Exception {
        return new Replies(VERSION,
                istgtStatus == null ? null : IstgtStatusParser.parse(List.of(istgtStatus)),
                IostatsParser.parse(iostats),
                replica == null ? null : ReplicaParser.parse(List.of(replica)),
                TextParsers.status(payloads(miscReply("STATUS"))),
                StatsParser.parse(payloads(reply("05-after-io-STATS.raw"))),
                InfoParser.parse(payloads(reply("05-after-io-INFO.raw"))),
                MempoolParser.parse(payloads(miscReply("MEMPOOL"))),
                120L);
    }

    private static IstgtSnapshot deep() throws Exception {
        return SnapshotAssembler.assemble("/run/istgt.sock", NOW, replies(deepStatus(),
                payloads(reply("pr263-03-IOSTATS-after-io.raw")), payloads(reply("06-healthy-REPLICA.raw")).get(0)),
                List.of(), List.of());
    }

    @Test
    void shouldMergeEveryCommandIntoTheDeepSnapshot() throws Exception {
        IstgtSnapshot s = deep();

        assertThat(s.commandSet()).isEqualTo(CommandSet.DEEP);
        assertThat(s.build().releaseTag()).isEqualTo("1.1.0-RC1-13-g35d6e81");
        assertThat(s.maxIoWaitSeconds()).isEqualTo(120L);
        assertThat(s.iscsi().loginRequests()).isEqualTo(5L);
        assertThat(s.iscsi().luWorkers()).isEqualTo(6L);
        assertThat(s.iscsi().sessions()).hasSize(7);
        assertThat(s.io().commands().write10()).isEqualTo(768L);
        assertThat(s.io().scsiOpcodes()).contains(new OpcodeCount(0x2a, 768, 768));
        assertThat(s.io().pdus()).contains(new OpcodeCount(0x01, 1313, 0));
        assertThat(s.queues().cmdQLen()).isZero();
        assertThat(s.mgmtRequests().startRebuildRequests()).isEqualTo(3L);
        VolumeSnapshot v = s.volumes().get(0);
        assertThat(v.target().iqn()).isEqualTo("iqn.2016-09.com.openebs.cstor:vol1");
        assertThat(v.target().name()).isEqualTo("vol1");
        assertThat(v.target().status()).isEqualTo(VolumeStatus.HEALTHY);
        assertThat(v.target().lunState()).isEqualTo(LunState.REAL);
        assertThat(v.target().portals()).containsExactly("127.0.0.1:3260,1");
        assertThat(v.target().usedLogicalBlocks()).isEqualTo(19L);
        assertThat(v.replicaCounts()).isEqualTo(new ReplicaCounts(2, 1, 0, null));
        assertThat(s.operatingMode()).isEqualTo("Running:NORMAL MODE OF OPERATION");
        assertThat(s.warnings()).isEmpty();
        assertThat(s.partialFailures()).isEmpty();
    }

    @Test
    void shouldMergeEachReplicaFromIstgtstatusIostatsMempoolAndErrors() throws Exception {
        ReplicaSnapshot r = deep().volumes().get(0).replicas().get(1);

        assertThat(r.id()).isEqualTo(ReplicaId.of("6162"));
        assertThat(r.mode()).isEqualTo(ReplicaMode.HEALTHY);
        assertThat(r.port()).isEqualTo(41110);
        assertThat(r.upTimeSeconds()).isEqualTo(74L);
        assertThat(r.queues().waitQ()).isZero();
        assertThat(r.mgmtRequests().snapshotPrepareRequests()).isEqualTo(1L);
        assertThat(r.ioTimes()).isEqualTo(new ReplicaIoTimes(967256223L, 2482361309L, 32008L, 101581357L));
        assertThat(r.mempool()).isEqualTo(new MempoolUsage(0L, 0L, 0L, 0L));
        assertThat(r.errors()).isEqualTo(new ReplicaErrorCounts(0L, 0L, 0L));
        assertThat(r.ioHealth()).isNull();
    }

    @Test
    void shouldLeaveWhatTheStockSetCannotKnowAbsent() throws Exception {
        IstgtSnapshot s = SnapshotAssembler.assemble("/run/istgt.sock", NOW, replies(null,
                payloads(reply("05-after-io-IOSTATS.raw")), payloads(reply("01-degraded-REPLICA.raw")).get(0)),
                List.of(), List.of());

        assertThat(s.commandSet()).isEqualTo(CommandSet.STOCK);
        assertThat(s.build()).isNull();
        assertThat(s.queues()).isNull();
        assertThat(s.mgmtRequests()).isNull();
        assertThat(s.io().commands()).isNull();
        assertThat(s.iscsi().loginRequests()).isNull();
        assertThat(s.iscsi().sessions()).hasSize(7);
        VolumeSnapshot v = s.volumes().get(0);
        assertThat(v.replicaCounts()).isEqualTo(new ReplicaCounts(0, 3, null, null));
        assertThat(v.replicas().get(1).ioTimes().readRespTimeNs()).isEqualTo(69343261L);
        assertThat(v.replicas().get(1).queues()).isNull();
        assertThat(v.replicas().get(1).errors()).isNull();
    }

    @Test
    void shouldCountAReplicaOnlyInErrorsAsOffline() throws Exception {
        String status = deepStatus().replace("\"errors\": [ ", "\"errors\": [ { \"mgmtConnErrCnt\": \"4\", "
                + "\"dataConnErrCnt\": 2, \"poolGuid\": \"16178149552629799470\", \"restartCount\": \"3\" }, ");

        IstgtSnapshot s = SnapshotAssembler.assemble("/run/istgt.sock", NOW,
                replies(status, payloads(reply("pr263-03-IOSTATS-after-io.raw")), null), List.of(), List.of());

        VolumeSnapshot v = s.volumes().get(0);
        assertThat(v.replicaCounts()).isEqualTo(new ReplicaCounts(2, 1, 1, null));
        assertThat(v.replicas()).last().isEqualTo(ReplicaSnapshot.offline(ReplicaId.of("16178149552629799470"),
                new ReplicaErrorCounts(4L, 2L, 3L)));
    }

    @Test
    void shouldKeepAReplicaOutsideTheQuorumThatOnlyReplicaLists() throws Exception {
        String replica = payloads(reply("06-healthy-REPLICA.raw")).get(0).replace("]}]}",
                ",{\"replicaId\":\"6164\",\"Address\":\"127.0.0.2\",\"Mode\":\"Degraded\",\"checkpointedIOSeq\":\"0\","
                        + "\"inflightRead\":\"0\",\"inflightWrite\":\"0\",\"inflightSync\":\"0\",\"quorum\":\"0\","
                        + "\"upTime\":2}]}]}");

        IstgtSnapshot s = SnapshotAssembler.assemble("/run/istgt.sock", NOW,
                replies(null, payloads(reply("06-healthy-IOSTATS.raw")), replica), List.of(), List.of());

        VolumeSnapshot v = s.volumes().get(0);
        assertThat(v.replicas()).extracting(r -> r.id().value()).containsExactly("6161", "6162", "6163", "6164");
        ReplicaSnapshot outside = v.replicas().get(3);
        assertThat(outside.quorum()).isFalse();
        assertThat(outside.address()).isEqualTo("127.0.0.2");
        assertThat(outside.ioTimes()).isNull();
        assertThat(v.replicaCounts()).isEqualTo(new ReplicaCounts(2, 2, null, null));
    }

    @Test
    void shouldMakeOneVolumePerIostatsLine() throws Exception {
        String vol1 = payloads(reply("05-after-io-IOSTATS.raw")).get(0);
        String vol2 = payloads(reply("00-offline-IOSTATS.raw")).get(0).replace("cstor:vol1", "cstor:vol2");

        IstgtSnapshot s = SnapshotAssembler.assemble("/run/istgt.sock", NOW, replies(null, List.of(vol1, vol2),
                payloads(reply("01-degraded-REPLICA.raw")).get(0)), List.of(), List.of());

        assertThat(s.volumes()).extracting(v -> v.target().iqn())
                .containsExactly("iqn.2016-09.com.openebs.cstor:vol1", "iqn.2016-09.com.openebs.cstor:vol2");
        assertThat(s.volumes().get(0).replicas()).hasSize(3);
        assertThat(s.volumes().get(0).target().name()).isEqualTo("vol1");
        assertThat(s.volumes().get(0).replicas()).allSatisfy(r -> assertThat(r.mempool()).isNotNull());
        assertThat(s.volumes().get(1).replicas()).isEmpty();
        assertThat(s.volumes().get(1).target().status()).isEqualTo(VolumeStatus.OFFLINE);
        assertThat(s.volumes().get(1).target().lunState()).isNull();
        assertThat(s.volumes().get(1).target().portals()).isEmpty();
        assertThat(s.warnings()).isEmpty();
    }
}
