package io.istgt.telemetry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.istgt.telemetry.sim.Replies.num;
import static org.assertj.core.api.Assertions.assertThat;

/** Generated IO moves every related counter together, restarts zero them, disconnects keep errors[]. */
class TrafficConsistencyTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));
    private EmulatedIstgt istgt;

    @BeforeEach
    void start() {
        istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().clock(clock).ioRate(250).build());
    }

    @AfterEach
    void stop() {
        istgt.close();
    }

    private String ask(String commands) {
        return ControlClient.converse(istgt.socketPath(), commands + "QUIT\n");
    }

    @Test
    void shouldKeepIostatsIstgtstatusAndStatsConsistent() {
        clock.advance(Duration.ofMinutes(5));

        String reply = ask("IOSTATS\nISTGTSTATUS\nSTATS\n");

        JsonNode io = Replies.single(reply, "IOSTATS");
        JsonNode st = Replies.single(reply, "ISTGTSTATUS");
        Map<String, long[]> scsi = statsEntries(reply, "STATS SCSI");
        long reads = num(st, "read6Cnt") + num(st, "read10Cnt") + num(st, "read12Cnt") + num(st, "read16Cnt");
        long writes = num(st, "write6Cnt") + num(st, "write10Cnt") + num(st, "write12Cnt") + num(st, "write16Cnt");
        long syncs = num(st, "sync10Cnt") + num(st, "sync16Cnt");
        assertThat(reads).isPositive().isEqualTo(num(io, "ReadIOPS"));
        assertThat(writes).isPositive().isEqualTo(num(io, "WriteIOPS"));
        assertThat(syncs).isPositive();
        assertThat(scsi.get("28")).containsExactly(num(st, "read10Cnt"), num(st, "read10Cnt"));
        assertThat(scsi.get("88")).containsExactly(num(st, "read16Cnt"), num(st, "read16Cnt"));
        assertThat(scsi.get("2a")).containsExactly(num(st, "write10Cnt"), num(st, "write10Cnt"));
        assertThat(scsi.get("35")).containsExactly(syncs, syncs);
        assertThat(statsEntries(reply, "STATS  PDU").get("1")[0]).isEqualTo(reads + writes + syncs);
        assertThat(num(io, "TotalReadBytes")).isEqualTo(num(io, "TotalReadBlockCount") * 512).isPositive();
        assertThat(num(io, "TotalWriteBytes")).isEqualTo(num(io, "TotalWriteBlockCount") * 512).isPositive();
        assertThat(num(io, "TotalReadTime")).isGreaterThan(num(io, "LUTotalReadTime"));
        assertThat(num(io, "LUTotalReadTime")).isGreaterThan(num(io, "ReplicationTotalReadTime")).isPositive();
        assertThat(num(io, "UsedLogicalBlocks")).isPositive();
        assertThat(num(io, "RevisionCounter")).isEqualTo(1_049_576L + reads + writes + syncs);
        for (JsonNode r : io.get("Replicas")) {
            assertThat(num(r, "ReadRespTime")).isPositive().isGreaterThan(num(r, "ReadReqTime"));
            assertThat(num(r, "WriteRespTime")).isPositive();
        }
    }

    @Test
    void shouldOnlyEverGrowCountersWhileTimePasses() {
        clock.advance(Duration.ofSeconds(30));
        JsonNode before = Replies.single(ask("IOSTATS\n"), "IOSTATS");

        clock.advance(Duration.ofSeconds(30));
        JsonNode after = Replies.single(ask("IOSTATS\n"), "IOSTATS");

        for (String field : List.of("ReadIOPS", "WriteIOPS", "TotalReadBytes", "TotalWriteBytes", "TotalReadTime",
                "TotalWriteTime", "TotalReadBlockCount", "TotalWriteBlockCount", "UsedLogicalBlocks", "UpTime")) {
            assertThat(num(after, field)).as(field).isGreaterThan(num(before, field));
        }
    }

    @Test
    void shouldGiveTheSameAnswerForTheSameTime() {
        clock.advance(Duration.ofSeconds(90));

        String first = ask("IOSTATS\nISTGTSTATUS\n");
        String second = ask("IOSTATS\nISTGTSTATUS\n");

        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldZeroCountersAndUptimeOnRestartButKeepTheBuildStamp() {
        clock.advance(Duration.ofMinutes(2));
        String greeting = Replies.lines(ask("")).get(0);

        istgt.restart();
        clock.advance(Duration.ofMillis(500));
        String reply = ask("IOSTATS\nISTGTSTATUS\n");

        JsonNode io = Replies.single(reply, "IOSTATS");
        assertThat(Replies.lines(reply).get(0)).isEqualTo(greeting);
        assertThat(num(io, "UpTime")).isZero();
        assertThat(num(io, "ReadIOPS")).isZero();
        assertThat(io.get("Status").asText()).isEqualTo("Offline");
        assertThat(Replies.single(reply, "ISTGTSTATUS").get("errors")).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        JsonNode later = Replies.single(ask("IOSTATS\n"), "IOSTATS");
        assertThat(later.get("Replicas")).hasSize(3);
        assertThat(later.get("Replicas").get(0).get("upTime").asLong()).isEqualTo(4);
        assertThat(num(later, "ReadIOPS")).isPositive();
    }

    @Test
    void shouldDropControlConnectionsOnRestart() {
        try (ControlClient client = ControlClient.connect(istgt.socketPath())) {
            client.readLine();

            istgt.restart();

            assertThat(client.readToEnd()).isEmpty();
        }
    }

    @Test
    void shouldForgetADisconnectedReplicaExceptInErrors() {
        clock.advance(Duration.ofSeconds(70));

        istgt.apply("vol1 replica-disconnect 6162");
        String reply = ask("IOSTATS\nISTGTSTATUS\nREPLICA\nMEMPOOL\n");

        assertThat(ids(Replies.single(reply, "IOSTATS").get("Replicas"), "replicaId")).containsExactly("6161", "6163");
        JsonNode status = Replies.single(reply, "ISTGTSTATUS");
        assertThat(ids(status.get("replicas"), "replicaId")).containsExactly("6161", "6163");
        assertThat(ids(status.get("errors"), "poolGuid")).containsExactly("6161", "6162", "6163");
        JsonNode gone = status.get("errors").get(1);
        assertThat(num(gone, "mgmtConnErrCnt")).isEqualTo(1);
        assertThat(gone.get("dataConnErrCnt").asLong()).isEqualTo(1);
        assertThat(ids(Replies.single(reply, "REPLICA").get("volumeStatus").get(0).get("replicaStatus"), "replicaId"))
                .containsExactly("6161", "6163");
        assertThat(ids(Replies.single(reply, "MEMPOOL").get("mempool list").get(0).get("replica usage"), "replicaId"))
                .containsExactly("6161", "6163");
    }

    @Test
    void shouldBringAReconnectedReplicaBackDegradedThenHealthy() {
        clock.advance(Duration.ofSeconds(70));
        istgt.apply("vol1 replica-disconnect 6162");
        clock.advance(Duration.ofSeconds(10));

        istgt.apply("vol1 replica-connect 6162");
        JsonNode now = Replies.single(ask("ISTGTSTATUS\n"), "ISTGTSTATUS");
        clock.advance(Duration.ofSeconds(60));
        JsonNode later = Replies.single(ask("ISTGTSTATUS\n"), "ISTGTSTATUS");

        assertThat(now.get("replicas").get(2).get("replicaId").asText()).isEqualTo("6162");
        assertThat(now.get("replicas").get(2).get("Mode").asText()).isEqualTo("Degraded");
        assertThat(now.get("replicas").get(2).get("upTime").asLong()).isZero();
        assertThat(num(now.get("errors").get(1), "restartCount")).isEqualTo(1);
        assertThat(later.get("replicas").get(2).get("Mode").asText()).isEqualTo("Healthy");
    }

    @Test
    void shouldCountRebuildsAndSnapshots() {
        clock.advance(Duration.ofSeconds(70));

        istgt.apply("vol1 snapshot 2");
        istgt.apply("vol1 replica-disconnect 6161");
        istgt.apply("vol1 replica-disconnect 6162");
        istgt.apply("vol1 replica-connect 6162");
        istgt.apply("vol1 snapshot");
        JsonNode st = Replies.single(ask("ISTGTSTATUS\n"), "ISTGTSTATUS");

        assertThat(num(st, "startRebuildReqCnt")).isEqualTo(3);
        assertThat(num(st, "startRebuildReqSuccessCnt")).isEqualTo(3);
        assertThat(num(st, "snapshotCreateReqCnt")).isEqualTo(3);
        assertThat(num(st, "snapshotCreateReqSuccessCnt")).isEqualTo(2);
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new java.util.ArrayList<>();
        array.forEach(n -> ids.add(n.get(field).asText()));
        return ids;
    }

    private static Map<String, long[]> statsEntries(String reply, String prefix) {
        String line = Replies.lines(reply).stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
        Map<String, long[]> entries = new HashMap<>();
        Matcher m = Pattern.compile("([0-9a-f]+):(\\d+) (\\d+)").matcher(line.substring(line.indexOf('[')));
        while (m.find()) {
            entries.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
        }
        return entries;
    }
}
