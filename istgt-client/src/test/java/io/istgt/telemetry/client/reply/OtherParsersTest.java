package io.istgt.telemetry.client.reply;

import static io.istgt.telemetry.testsupport.IstgtReplies.miscReply;
import static io.istgt.telemetry.testsupport.IstgtReplies.payloads;
import static io.istgt.telemetry.testsupport.IstgtReplies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.OwnCaptures;
import io.istgt.telemetry.client.snapshot.IscsiSession;
import io.istgt.telemetry.client.snapshot.LunState;
import io.istgt.telemetry.client.snapshot.MempoolUsage;
import io.istgt.telemetry.client.snapshot.OpcodeCount;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OtherParsersTest {

    @Nested
    class Replica {
        @Test
        void shouldReadTheHealthyCapture() throws Exception {
            List<ReplicaVolume> volumes = ReplicaParser.parse(payloads(reply("06-healthy-REPLICA.raw")));

            assertThat(volumes).hasSize(1);
            assertThat(volumes.get(0).name()).isEqualTo("vol1");
            assertThat(volumes.get(0).status()).isEqualTo(VolumeStatus.HEALTHY);
            assertThat(volumes.get(0).replicas()).extracting(ReplicaSnapshot::mode)
                    .containsExactly(ReplicaMode.DEGRADED, ReplicaMode.HEALTHY, ReplicaMode.HEALTHY);
            assertThat(volumes.get(0).replicas()).extracting(ReplicaSnapshot::upTimeSeconds).containsExactly(74L, 73L, 72L);
            assertThat(volumes.get(0).replicas().get(0).checkpointedIoSeq()).isEqualTo(1000L);
        }

        @Test
        void shouldReadAnOfflineVolumeAndAnUnknownName() throws Exception {
            assertThat(ReplicaParser.parse(payloads(reply("00-offline-REPLICA.raw"))))
                    .containsExactly(new ReplicaVolume("vol1", VolumeStatus.OFFLINE, List.of()));
            assertThat(ReplicaParser.parse(payloads(miscReply("REPLICA nosuchvol")))).isEmpty();
        }

        @Test
        void shouldReadTheLfOnlyEdgeCaseCapture() throws Exception {
            String edge = io.istgt.telemetry.testsupport.IstgtFixtures.text("09-protocol-edge-cases.txt");
            String line = edge.lines().filter(l -> l.startsWith("REPLICA  ")).findFirst().orElseThrow();

            List<ReplicaVolume> volumes = ReplicaParser.parse(payloads(line));

            assertThat(volumes.get(0).replicas()).extracting(ReplicaSnapshot::upTimeSeconds).containsExactly(3L, 2L, 1L);
        }
    }

    @Nested
    class Stats {
        private static final String PAD = ", 0:0 0";

        @Test
        void shouldReadTheListedOpcodesOfTheAfterIoCaptureAndNotItsPadding() throws Exception {
            // STATS  PDU:9 [..nine entries.., 0:0 0]: the tenth entry pads the list, it is no opcode 0
            StatsReply s = StatsParser.parse(payloads(reply("05-after-io-STATS.raw")));

            assertThat(s.pdus()).containsExactly(
                    new OpcodeCount(0x01, 1313, 0), new OpcodeCount(0x03, 8, 0),
                    new OpcodeCount(0x04, 1, 0), new OpcodeCount(0x06, 7, 0), new OpcodeCount(0x21, 0, 781),
                    new OpcodeCount(0x23, 0, 8), new OpcodeCount(0x24, 0, 1), new OpcodeCount(0x25, 0, 532),
                    new OpcodeCount(0x26, 0, 7));
            assertThat(s.pdusCounted()).isEqualTo(9);
            // SCSI:10, ten entries: TEST UNIT READY (opcode 0) is data here
            assertThat(s.scsiOpcodes()).containsExactly(
                    new OpcodeCount(0x00, 7, 7), new OpcodeCount(0x12, 11, 11), new OpcodeCount(0x1a, 2, 2),
                    new OpcodeCount(0x25, 3, 3), new OpcodeCount(0x28, 512, 512), new OpcodeCount(0x2a, 768, 768),
                    new OpcodeCount(0x5e, 4, 4), new OpcodeCount(0x9e, 3, 3), new OpcodeCount(0xa0, 1, 1),
                    new OpcodeCount(0xa3, 2, 2));
            assertThat(s.scsiOpcodesCounted()).isEqualTo(10);
        }

        @Test
        void shouldReadOnlyTheTenListedOfFourteenCountedScsiOpcodes() throws Exception {
            StatsReply s = StatsParser.parse(OwnCaptures.payloads(OwnCaptures.STATS_MORE_THAN_TEN, "STATS"));

            assertThat(s.scsiOpcodesCounted()).isEqualTo(14);
            assertThat(s.scsiOpcodes()).containsExactly(
                    new OpcodeCount(0x00, 15, 15), new OpcodeCount(0x08, 510, 510), new OpcodeCount(0x12, 32, 32),
                    new OpcodeCount(0x1a, 8, 8), new OpcodeCount(0x25, 8, 8), new OpcodeCount(0x28, 512, 512),
                    new OpcodeCount(0x2a, 768, 768), new OpcodeCount(0x5e, 15, 15), new OpcodeCount(0x88, 512, 512),
                    new OpcodeCount(0x8a, 512, 512));
            assertThat(s.pdusCounted()).isEqualTo(9);
            assertThat(s.pdus()).hasSize(9).extracting(OpcodeCount::opcode)
                    .containsExactly(0x01, 0x03, 0x05, 0x06, 0x21, 0x23, 0x25, 0x26, 0x31);
        }

        @Test
        void shouldKeepTestUnitReadyAmongTheCountedEntriesAndDropThePaddingAfterThem() throws Exception {
            StatsReply s = StatsParser.parse(List.of("PDU:1 [1:4 0" + PAD.repeat(9) + "]",
                    "SCSI:2 [28:5 5, 0:3 3" + PAD.repeat(8) + "]"));

            assertThat(s.pdus()).containsExactly(new OpcodeCount(0x01, 4, 0));
            assertThat(s.scsiOpcodes()).containsExactly(new OpcodeCount(0x00, 3, 3), new OpcodeCount(0x28, 5, 5));
            assertThat(s.scsiOpcodesCounted()).isEqualTo(2);
        }

        @Test
        void shouldReadAListOfPaddingOnlyAsNoOpcodes() throws Exception {
            StatsReply s = StatsParser.parse(List.of("PDU:0 [0:0 0" + PAD.repeat(9) + "]",
                    "SCSI:0 [0:0 0" + PAD.repeat(9) + "]"));

            assertThat(s.pdus()).isEmpty();
            assertThat(s.scsiOpcodes()).isEmpty();
            assertThat(s.scsiOpcodesCounted()).isZero();
        }

        @Test
        void shouldReadTheNoTrafficForm() throws Exception {
            StatsReply s = StatsParser.parse(payloads(miscReply("STATS 0")));

            assertThat(s.pdus()).isEmpty();
            assertThat(s.scsiOpcodes()).isEmpty();
            assertThat(s.pdusCounted()).isZero();
            assertThat(s.scsiOpcodesCounted()).isZero();
        }

        @Test
        void shouldRejectAnEntryAfterTheCountedOnesThatIsNotPadding() {
            assertThatThrownBy(() -> StatsParser.parse(List.of("PDU:0", "SCSI:1 [28:5 5, 2a:1 1" + PAD.repeat(8) + "]")))
                    .isInstanceOfSatisfying(MalformedReplyException.class,
                            e -> assertThat(e.problem()).isEqualTo(MalformedReplyException.Problem.MALFORMED_TEXT))
                    .hasMessage("STATS SCSI:1 has entry '2a:1 1' after its 1 counted opcodes, where istgt pads"
                            + " with '0:0 0'");
        }

        @Test
        void shouldRejectAReplyWithoutASectionOrWithOneTwice() {
            assertThatThrownBy(() -> StatsParser.parse(List.of("PDU:0")))
                    .hasMessage("STATS reply has no SCSI section");
            assertThatThrownBy(() -> StatsParser.parse(List.of()))
                    .hasMessage("STATS reply has no PDU section");
            assertThatThrownBy(() -> StatsParser.parse(List.of("PDU:0 SCSI:0", "SCSI:0")))
                    .hasMessage("STATS reply has two SCSI sections");
        }

        @Test
        void shouldRejectAnEntryNotInIstgtsForm() {
            assertThatThrownBy(() -> StatsParser.parse(List.of("SCSI:1 [2a:768]")))
                    .isInstanceOfSatisfying(MalformedReplyException.class,
                            e -> assertThat(e.problem()).isEqualTo(MalformedReplyException.Problem.MALFORMED_TEXT))
                    .hasMessage("STATS SCSI entry '2a:768' is not '<hex opcode>:<started> <finished>'");
            assertThatThrownBy(() -> StatsParser.parse(List.of("hello")))
                    .hasMessage("STATS line has unexpected text 'hello'");
            assertThatThrownBy(() -> StatsParser.parse(List.of("PDU:1 [1:9223372036854775808 0] SCSI:0")))
                    .hasMessage("STATS PDU entry '1:9223372036854775808 0' has a count above 2^63-1");
        }
    }

    @Nested
    class Info {
        @Test
        void shouldReadAllSevenSessionsOfTheAfterIoCapture() throws Exception {
            List<IscsiSession> sessions = InfoParser.parse(payloads(reply("05-after-io-INFO.raw")));

            assertThat(sessions).hasSize(7);
            IscsiSession first = sessions.get(0);
            assertThat(first.connection()).isEqualTo(1);
            assertThat(first.initiatorName()).isEqualTo("iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-ls");
            assertThat(first.initiatorAddress()).isEqualTo("127.0.0.1");
            assertThat(first.targetIqn()).isEqualTo("iqn.2016-09.com.openebs.cstor:vol1");
            assertThat(first.logicalUnit()).isEqualTo("LU1");
            assertThat(first.luOnline()).isTrue();
            assertThat(first.portal()).isEqualTo("127.0.0.1:3260,1");
            assertThat(first.parameters()).containsEntry("ISID", "80dfcdae0000").containsEntry("TSIH", "1")
                    .containsEntry("MaxBurstLength", "262144").containsEntry("State", "2").hasSize(13);
            assertThat(sessions).extracting(IscsiSession::connection).containsExactly(1, 2, 3, 4, 5, 6, 7);
            assertThat(sessions.get(6).initiatorName()).isEqualTo("iqn.2007-10.com.github:sahlberg:libiscsi:iscsi-test");
        }

        @Test
        void shouldReadNoLoginAsNoSession() throws Exception {
            assertThat(InfoParser.parse(payloads(miscReply("INFO")))).isEmpty();
        }

        @Test
        void shouldRejectALineThatIsNotASession() {
            assertThatThrownBy(() -> InfoParser.parse(List.of("something else")))
                    .hasMessage("INFO line is not 'w#N: Login from <initiator> (<address>) on <target> <LU> ...': "
                            + "'something else'");
        }
    }

    @Nested
    class Mempool {
        @Test
        void shouldReadEveryReplicasUsage() throws Exception {
            Map<ReplicaId, MempoolUsage> usage = MempoolParser.parse(payloads(miscReply("MEMPOOL")));

            assertThat(usage).containsOnlyKeys(ReplicaId.of("6161"), ReplicaId.of("6162"), ReplicaId.of("6163"));
            assertThat(usage.get(ReplicaId.of("6162"))).isEqualTo(new MempoolUsage(0L, 0L, 0L, 0L));
        }

        @Test
        void shouldAcceptNumbersAndStrings() throws Exception {
            Map<ReplicaId, MempoolUsage> usage = MempoolParser.parse(List.of("{\"mempool list\":[{\"replica usage\":"
                    + "[{\"replicaId\":\"16178149552629799470\",\"in-flight read\":3,\"in-flight write\":\"4\","
                    + "\"in-flight sync\":\"5\",\"in-flight command\":\"6\"}]}]}"));

            assertThat(usage).containsExactly(Map.entry(ReplicaId.of("16178149552629799470"),
                    new MempoolUsage(3L, 4L, 5L, 6L)));
        }
    }

    @Nested
    class Text {
        @Test
        void shouldReadStatusRealAndFake() throws Exception {
            assertThat(TextParsers.status(payloads(miscReply("STATUS")))).isEqualTo(new StatusReply(
                    "Running:NORMAL MODE OF OPERATION", Map.of("iqn.2016-09.com.openebs.cstor:vol1", LunState.REAL)));
            assertThat(TextParsers.status(payloads(reply("00-offline-STATUS.raw"))).lunStates())
                    .containsExactly(Map.entry("iqn.2016-09.com.openebs.cstor:vol1", LunState.FAKE));
        }

        @Test
        void shouldReadMaxIoWait() throws Exception {
            assertThat(TextParsers.maxIoWait(payloads(miscReply("MAXIOWAIT")))).isEqualTo(120L);
            assertThatThrownBy(() -> TextParsers.maxIoWait(List.of("soon")))
                    .hasMessage("MAXIOWAIT should answer one number, got 'soon'");
        }
    }
}
