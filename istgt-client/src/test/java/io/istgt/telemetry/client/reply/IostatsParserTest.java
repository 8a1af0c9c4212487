package io.istgt.telemetry.client.reply;

import static io.istgt.telemetry.testsupport.IstgtReplies.payloads;
import static io.istgt.telemetry.testsupport.IstgtReplies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.snapshot.IoTotals;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaIoTimes;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class IostatsParserTest {

    private static String afterIo() {
        return payloads(reply("05-after-io-IOSTATS.raw")).get(0);
    }

    @Test
    void shouldReadEveryTargetValueOfTheAfterIoCapture() throws Exception {
        List<IostatsVolume> volumes = IostatsParser.parse(List.of(afterIo()));

        assertThat(volumes).hasSize(1);
        var t = volumes.get(0).target();
        assertThat(t.iqn()).isEqualTo("iqn.2016-09.com.openebs.cstor:vol1");
        assertThat(t.status()).isEqualTo(VolumeStatus.DEGRADED);
        assertThat(t.sizeBytes()).isEqualTo(1073741824L);
        assertThat(t.sectorSizeBytes()).isEqualTo(512L);
        assertThat(t.usedLogicalBlocks()).isEqualTo(0L);
        assertThat(t.uptimeSeconds()).isEqualTo(11L);
        assertThat(t.replicaCounter()).isEqualTo(3L);
        assertThat(t.revisionCounter()).isEqualTo(1050856L);
        assertThat(t.name()).isNull();
        assertThat(t.lunState()).isNull();
        assertThat(t.io()).isEqualTo(new IoTotals(512L, 768L, 33685504L, 50528256L, 65792L, 98688L,
                718692912L, 705548181L, 704969264L, 2841239460L, 2819461468L, 2818583155L));
    }

    @Test
    void shouldReadEveryReplicaOfTheAfterIoCapture() throws Exception {
        List<ReplicaSnapshot> replicas = IostatsParser.parse(List.of(afterIo())).get(0).replicas();

        assertThat(replicas).extracting(ReplicaSnapshot::id)
                .containsExactly(ReplicaId.of("6161"), ReplicaId.of("6162"), ReplicaId.of("6163"));
        ReplicaSnapshot r = replicas.get(1);
        assertThat(r.mode()).isEqualTo(ReplicaMode.DEGRADED);
        assertThat(r.address()).isEqualTo("127.0.0.1");
        assertThat(r.port()).isNull();
        assertThat(r.quorum()).isTrue();
        assertThat(r.checkpointedIoSeq()).isEqualTo(1000L);
        assertThat(r.inflightRead()).isZero();
        assertThat(r.inflightWrite()).isZero();
        assertThat(r.inflightSync()).isZero();
        assertThat(r.upTimeSeconds()).isEqualTo(8L);
        assertThat(r.ioTimes()).isEqualTo(new ReplicaIoTimes(19118L, 69343261L, 34299L, 116234451L));
        assertThat(r.queues()).isNull();
        assertThat(r.mempool()).isNull();
        assertThat(r.errors()).isNull();
        assertThat(r.ioHealth()).isNull();
    }

    @Test
    void shouldReadTheDeepBuildsPortAndHealthyModes() throws Exception {
        String line = payloads(reply("pr263-03-IOSTATS-after-io.raw")).get(0);

        IostatsVolume v = IostatsParser.parse(List.of(line)).get(0);

        assertThat(v.target().status()).isEqualTo(VolumeStatus.HEALTHY);
        assertThat(v.target().io().readOps()).isEqualTo(9725L);
        assertThat(v.replicas()).extracting(ReplicaSnapshot::port).containsExactly(41100, 41110, 41112);
        assertThat(v.replicas()).extracting(ReplicaSnapshot::mode)
                .containsExactly(ReplicaMode.DEGRADED, ReplicaMode.HEALTHY, ReplicaMode.HEALTHY);
    }

    @Test
    void shouldReadAnOfflineVolumeWithNoReplica() throws Exception {
        IostatsVolume v = IostatsParser.parse(payloads(reply("00-offline-IOSTATS.raw"))).get(0);

        assertThat(v.target().status()).isEqualTo(VolumeStatus.OFFLINE);
        assertThat(v.target().replicaCounter()).isZero();
        assertThat(v.target().uptimeSeconds()).isEqualTo(1L);
        assertThat(v.replicas()).isEmpty();
    }

    @Test
    void shouldReadEveryLineAsOneVolume() throws Exception {
        String second = payloads(reply("01-degraded-IOSTATS.raw")).get(0).replace("cstor:vol1", "cstor:vol2");

        List<IostatsVolume> volumes = IostatsParser.parse(List.of(afterIo(), second));

        assertThat(volumes).extracting(v -> v.target().iqn())
                .containsExactly("iqn.2016-09.com.openebs.cstor:vol1", "iqn.2016-09.com.openebs.cstor:vol2");
        assertThat(volumes.get(0).target().io().writeOps()).isEqualTo(768L);
        assertThat(volumes.get(1).target().io().writeOps()).isZero();
        assertThat(volumes.get(1).target().revisionCounter()).isEqualTo(1049576L);
    }

    @Test
    void shouldAcceptNumbersAndStringsForEveryNumericField() throws Exception {
        String swapped = afterIo()
                .replace("\"WriteIOPS\": \"768\"", "\"WriteIOPS\": 768")
                .replace("\"ReplicaCounter\": 3", "\"ReplicaCounter\": \"3\"")
                .replace("\"upTime\": 8", "\"upTime\": \"8\"")
                .replace("\"ReadRespTime\": \"69343261\"", "\"ReadRespTime\": 69343261");

        IostatsVolume v = IostatsParser.parse(List.of(swapped)).get(0);

        assertThat(v.target().io().writeOps()).isEqualTo(768L);
        assertThat(v.target().replicaCounter()).isEqualTo(3L);
        assertThat(v.replicas().get(1).upTimeSeconds()).isEqualTo(8L);
        assertThat(v.replicas().get(1).ioTimes().readRespTimeNs()).isEqualTo(69343261L);
    }

    @Test
    void shouldKeepAGuidReplicaIdAboveLongMaxExactly() throws Exception {
        String guid = "16178149552629799470";
        String line = afterIo().replace("\"replicaId\": \"6162\"", "\"replicaId\": \"" + guid + "\"");

        IostatsVolume v = IostatsParser.parse(List.of(line)).get(0);

        assertThat(new java.math.BigInteger(guid)).isGreaterThan(java.math.BigInteger.valueOf(Long.MAX_VALUE));
        assertThat(v.replicas().get(1).id().value()).isEqualTo(guid);
    }

    @Test
    void shouldReportAJsonLineCutMidObjectAsTruncatedWithItsLength() {
        String cut = afterIo().substring(0, 700);

        assertThatThrownBy(() -> IostatsParser.parse(List.of(cut)))
                .isInstanceOfSatisfying(MalformedReplyException.class,
                        e -> assertThat(e.problem()).isEqualTo(MalformedReplyException.Problem.TRUNCATED_JSON))
                .hasMessage("IOSTATS JSON is truncated: it stops after 700 bytes without closing; "
                        + "istgt cuts reply lines at 4096 bytes without a marker");
    }

    @Test
    void shouldReportACutInsideALiteralAsTruncated() {
        String line = afterIo();
        String cut = line.substring(0, line.indexOf("\"ReplicaCounter\": 3") + "\"ReplicaCounter\": ".length())
                + "3";

        assertThatThrownBy(() -> IostatsParser.parse(List.of(cut)))
                .isInstanceOfSatisfying(MalformedReplyException.class,
                        e -> assertThat(e.problem()).isEqualTo(MalformedReplyException.Problem.TRUNCATED_JSON));
    }

    @Test
    void shouldReportMalformedJsonWithItsPosition() {
        String broken = afterIo().replace("\"WriteIOPS\": \"768\"", "\"WriteIOPS\" \"768\"");
        int column = broken.indexOf("\"WriteIOPS\" \"768\"") + "\"WriteIOPS\" ".length() + 1;

        assertThatThrownBy(() -> IostatsParser.parse(List.of(broken)))
                .isInstanceOfSatisfying(MalformedReplyException.class,
                        e -> assertThat(e.problem()).isEqualTo(MalformedReplyException.Problem.MALFORMED_JSON))
                .hasMessageStartingWith("IOSTATS JSON is malformed at character " + column + " (line 1, column "
                        + column + "): Unexpected character ('\"' (code 34)): was expecting a colon");
    }

    @Test
    void shouldNameTheFieldOfAValueOfTheWrongType() {
        String broken = afterIo().replace("\"inflightRead\": \"0\"", "\"inflightRead\": true");

        assertThatThrownBy(() -> IostatsParser.parse(List.of(broken)))
                .hasMessage("IOSTATS Replicas[0]: field 'inflightRead' must be a number or a string of digits, got true");
    }

    @Test
    void shouldRejectAnUnknownReplicaMode() {
        String broken = afterIo().replaceFirst("\"Mode\": \"Degraded\"", "\"Mode\": \"Rebuilding\"");

        assertThatThrownBy(() -> IostatsParser.parse(List.of(broken)))
                .hasMessage("IOSTATS Replicas[0]: field 'Mode' must be Healthy or Degraded, got 'Rebuilding'");
    }

    @Test
    void shouldNameTheLineOfABrokenVolumeAmongSeveral() {
        String broken = afterIo().replace("\"Status\": \"Degraded\"", "\"Status\": 7");

        assertThatThrownBy(() -> IostatsParser.parse(List.of(afterIo(), broken)))
                .hasMessage("IOSTATS line 2: field 'Status' must be Healthy, Degraded or Offline, got '7'");
    }
}
