package io.istgt.telemetry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.istgt.telemetry.sim.model.VolumeStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The status table of a real istgt with RF=3, CF=2, walked through with events and the clock. */
class StatusRulesOnTheWireTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));
    private EmulatedIstgt istgt;

    @BeforeEach
    void start() {
        istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().clock(clock).ioRate(0).build());
    }

    @AfterEach
    void stop() {
        istgt.close();
    }

    private void expect(String status, int replicaCounter, String statusWord) {
        String reply = ControlClient.converse(istgt.socketPath(), "IOSTATS\nSTATUS\nQUIT\n");
        JsonNode io = Replies.single(reply, "IOSTATS");
        assertThat(io.get("Status").asText()).isEqualTo(status);
        assertThat(io.get("ReplicaCounter").asInt()).isEqualTo(replicaCounter);
        assertThat(Replies.lines(reply)).contains("STATUS iqn.2016-09.com.openebs.cstor:vol1 " + statusWord);
    }

    @Test
    void shouldWalkThroughIstgtsStatusTable() {
        expect("Offline", 0, "FAKE");                       // none

        clock.advance(Duration.ofSeconds(3));
        expect("Degraded", 3, "REAL");                      // 3 degraded

        istgt.apply("vol1 rebuild-fail 6161 10");
        clock.advance(Duration.ofSeconds(62));
        expect("Healthy", 3, "REAL");                       // 2 healthy + 1 degraded

        istgt.apply("vol1 replica-disconnect 6163");
        expect("Degraded", 2, "REAL");                      // 1 healthy + 1 degraded

        istgt.apply("vol1 replica-disconnect 6162");
        expect("Offline", 1, "FAKE");                       // 1 degraded
        assertThat(istgt.status("vol1")).isEqualTo(VolumeStatus.OFFLINE);
    }

    @Test
    void shouldFailSnapshotsWhileFewerThanCfReplicasAreHealthy() {
        clock.advance(Duration.ofSeconds(3));

        String degraded = ControlClient.converse(istgt.socketPath(), "SNAPCREATE vol1 s1 10 30\nQUIT\n");
        clock.advance(Duration.ofSeconds(62));
        String healthy = ControlClient.converse(istgt.socketPath(), "SNAPCREATE vol1 s2 10 30\nQUIT\n");
        istgt.apply("vol1 snapshot-fail on");
        String failing = ControlClient.converse(istgt.socketPath(), "SNAPCREATE vol1 s3 10 30\nISTGTSTATUS\nQUIT\n");

        assertThat(Replies.lines(degraded)).contains("ERR failed SNAPCREATE");
        assertThat(Replies.lines(healthy)).contains("OK SNAPCREATE");
        assertThat(Replies.lines(failing)).contains("ERR failed SNAPCREATE");
        JsonNode st = Replies.single(failing, "ISTGTSTATUS");
        assertThat(Replies.num(st, "snapshotCreateReqCnt")).isEqualTo(3);
        assertThat(Replies.num(st, "snapshotCreateReqSuccessCnt")).isEqualTo(1);
    }

    @Test
    void shouldServeNoIoWhileOffline() {
        istgt.apply("vol1 io-rate 100");
        clock.advance(Duration.ofMillis(1500)); // only 6161 connected: offline

        JsonNode io = Replies.single(ControlClient.converse(istgt.socketPath(), "IOSTATS\nQUIT\n"), "IOSTATS");

        assertThat(io.get("Status").asText()).isEqualTo("Offline");
        assertThat(io.get("ReadIOPS").asText()).isEqualTo("0");
    }
}
