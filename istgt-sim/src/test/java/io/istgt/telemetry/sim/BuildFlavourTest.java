package io.istgt.telemetry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The released istgt (--stock), the deep-visibility build (default) and --extended. */
class BuildFlavourTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));

    private String ask(SimConfig.Builder config, String commands) {
        try (EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), config.clock(clock).build())) {
            clock.advance(Duration.ofSeconds(90));
            istgt.apply("vol1 login-storm 40");
            istgt.apply("vol1 io-errors 6162 timeout write 4");
            istgt.apply("vol1 io-errors 6162 version-mismatch sync 2");
            return ControlClient.converse(istgt.socketPath(), commands + "QUIT\n");
        }
    }

    @Test
    void shouldNotKnowIstgtstatusNorReplicaPortsWhenStock() {
        String reply = ask(SimConfig.builder().stock(true), "ISTGTSTATUS\nIOSTATS\n");

        assertThat(Replies.lines(reply).get(1)).isEqualTo("ERR unknown command");
        assertThat(Replies.single(reply, "IOSTATS").get("Replicas").get(0).has("Port")).isFalse();
    }

    @Test
    void shouldReportIstgtstatusAndReplicaPortsByDefault() {
        String reply = ask(SimConfig.builder(), "ISTGTSTATUS\nIOSTATS\n");

        JsonNode status = Replies.single(reply, "ISTGTSTATUS");
        assertThat(status.get("gitCommitHash").asText()).isEqualTo("35d6e81affcfa53fb6d2f9d30a155d9f78a5987f");
        assertThat(status.get("replicas").get(0).get("Port").isNumber()).isTrue();
        assertThat(status.has("loginDurationHistogram")).isFalse();
        assertThat(status.get("replicas").get(0).has("readTimeoutCnt")).isFalse();
        assertThat(Replies.single(reply, "IOSTATS").get("Replicas").get(0).get("Port").asInt()).isEqualTo(41100);
    }

    @Test
    void shouldAddTheDesignDocMetricsWhenExtended() {
        JsonNode status = Replies.single(ask(SimConfig.builder().extended(true), "ISTGTSTATUS\n"), "ISTGTSTATUS");

        JsonNode replica = status.get("replicas").get(1);
        List<String> names = new ArrayList<>();
        replica.fieldNames().forEachRemaining(names::add);
        assertThat(names.subList(names.indexOf("prepareRebuildReqSuccessCnt") + 1, names.size())).containsExactly(
                "readTimeoutCnt", "writeTimeoutCnt", "syncTimeoutCnt", "readFailCnt", "writeFailCnt", "syncFailCnt",
                "readVersionMismatchCnt", "writeVersionMismatchCnt", "syncVersionMismatchCnt", "readIOTimeNs",
                "writeIOTimeNs", "syncIOTimeNs");
        names.subList(names.indexOf("readTimeoutCnt"), names.size())
                .forEach(n -> assertThat(replica.get(n).isTextual()).as(n).isTrue());
        assertThat(replica.get("writeTimeoutCnt").asText()).isEqualTo("4");
        assertThat(replica.get("syncVersionMismatchCnt").asText()).isEqualTo("2");
        assertThat(Long.parseLong(replica.get("readIOTimeNs").asText())).isPositive();

        JsonNode histogram = status.get("loginDurationHistogram");
        assertThat(histogram.get("boundsMs").toString()).isEqualTo("[1,5,10,50,100,500,1000,5000]");
        assertThat(histogram.get("counts")).hasSize(9).allMatch(JsonNode::isTextual);
        long total = 0;
        for (JsonNode c : histogram.get("counts")) {
            total += Long.parseLong(c.asText());
        }
        assertThat(total).isEqualTo(40);
        assertThat(Long.parseLong(histogram.get("sumMs").asText())).isPositive();
    }

    @Test
    void shouldPrintTheHistogramInJsonCSpacedStyle() {
        String reply = ask(SimConfig.builder().extended(true), "ISTGTSTATUS\n");

        assertThat(reply).containsPattern("\"loginDurationHistogram\": \\{ \"boundsMs\": \\[ 1, 5, 10, 50, 100, 500,"
                + " 1000, 5000 \\], \"counts\": \\[ (\"\\d+\", ){8}\"\\d+\" \\], \"sumMs\": \"\\d+\" }");
    }

    @Test
    void shouldRefuseStockAndExtendedTogether() {
        assertThatThrownBy(() -> SimConfig.builder().stock(true).extended(true).build())
                .hasMessageContaining("stock and extended conflict");
    }
}
