package io.istgt.telemetry.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.istgt.telemetry.testsupport.FakeIstgt;
import io.istgt.telemetry.testsupport.IstgtReplies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SnapshotCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T20:40:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private FakeIstgt fake;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private Path socket() {
        return dir.resolve("istgt.sock");
    }

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = IstgtCollectorCommand.commandLine(CLOCK, env);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void shouldPrintADeepSnapshotAsJsonWithStableFieldsAndNullsKept() throws Exception {
        fake = FakeIstgt.start(socket(), IstgtReplies.deepReplies());

        int code = run("snapshot", "--socket", socket().toString());

        assertThat(code).isZero();
        assertThat(err.toString()).isEmpty();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("socketPath").asText()).isEqualTo(socket().toString());
        assertThat(json.get("collectedAt").asText()).isEqualTo("2026-11-23T20:40:00Z");
        assertThat(json.get("commandSet").asText()).isEqualTo("DEEP");
        assertThat(json.at("/io/commands/read16").asLong()).isEqualTo(9213);
        JsonNode volume = json.at("/volumes/0");
        assertThat(volume.at("/target/iqn").asText()).isEqualTo("iqn.2016-09.com.openebs.cstor:vol1");
        assertThat(volume.at("/target/io/writeOps").asLong()).isEqualTo(768);
        assertThat(volume.at("/replicas/1/id").isTextual()).isTrue();
        assertThat(volume.at("/replicas/1/id").asText()).isEqualTo("6162");
        assertThat(volume.at("/replicas/1/ioTimes/readRespTimeNs").asLong()).isEqualTo(2482361309L);
        assertThat(volume.at("/replicaCounts").has("unknown")).isTrue();
        assertThat(volume.at("/replicaCounts/unknown").isNull()).isTrue();
        assertThat(volume.at("/replicas/0/ioHealth").isNull()).isTrue();
    }

    @Test
    void shouldPrintAStockSnapshotAsText() throws Exception {
        fake = FakeIstgt.start(socket(), IstgtReplies.stockReplies());

        int code = run("snapshot", "--socket", socket().toString(), "--format", "text");

        assertThat(code).isZero();
        assertThat(out.toString()).contains(
                "istgt istgt:0.5.20121028:20:23:24:Nov 23 2026 at " + socket(),
                "collected 2026-11-23T20:40:00Z with the stock command set",
                "volume iqn.2016-09.com.openebs.cstor:vol1 (vol1): Degraded, LUN REAL",
                "io: 512 reads (33685504 bytes, 718692912 ns), 768 writes (50528256 bytes, 2841239460 ns)",
                "replicas: 0 healthy, 3 degraded, - offline",
                "6162  Degraded  127.0.0.1  up 8 s  inflight r/w/s 0/0/0  read resp 69343261 ns, write resp 116234451 ns",
                "iscsi: 7 sessions",
                "scsi opcodes (started/finished): 0x00 7/7, 0x12 11/11, 0x1a 2/2, 0x25 3/3, 0x28 512/512, 0x2a 768/768");
    }

    @Test
    void shouldPrintTheBuildOfADeepSnapshotAsText() throws Exception {
        fake = FakeIstgt.start(socket(), IstgtReplies.deepReplies());

        int code = run("snapshot", "--socket", socket().toString(), "--format", "text");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("with the deep command set, build 1.1.0-RC1-13-g35d6e81"
                + " (35d6e81affcfa53fb6d2f9d30a155d9f78a5987f)\n");
    }

    @Test
    void shouldPrintNoBuildWhenIstgtSendsEmptyStringsForIt() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.deepReplies());
        replies.put("ISTGTSTATUS", replies.get("ISTGTSTATUS")
                .replace("\"35d6e81affcfa53fb6d2f9d30a155d9f78a5987f\"", "\"\"")
                .replace("\"1.1.0-RC1-13-g35d6e81\"", "\"\""));
        fake = FakeIstgt.start(socket(), replies);

        int code = run("snapshot", "--socket", socket().toString(), "--format", "text");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("with the deep command set\n").doesNotContain("build");
    }

    @Test
    void shouldMarkTheHalfOfTheBuildIstgtLeftEmpty() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.deepReplies());
        replies.put("ISTGTSTATUS", replies.get("ISTGTSTATUS").replace("\"1.1.0-RC1-13-g35d6e81\"", "\"\""));
        fake = FakeIstgt.start(socket(), replies);

        int code = run("snapshot", "--socket", socket().toString(), "--format", "text");

        assertThat(code).isZero();
        assertThat(out.toString()).contains(", build - (35d6e81affcfa53fb6d2f9d30a155d9f78a5987f)\n");
    }

    @Test
    void shouldSayHowManyOpcodesStatsLeftOutOfItsList() throws Exception {
        // the STATS reply of the real capture 11-stats-more-than-ten-opcodes.raw (istgt-client's test resources)
        Map<String, String> replies = new HashMap<>(IstgtReplies.stockReplies());
        replies.put("STATS", "STATS  PDU:9 [1:3932 0, 3:15 0, 5:2688 0, 6:15 0, 21:0 1830, 23:0 15, 25:0 5168, 26:0 15,"
                + " 31:0 2688, 0:0 0]\r\nSTATS SCSI:14 [0:15 15, 8:510 510, 12:32 32, 1a:8 8, 25:8 8, 28:512 512,"
                + " 2a:768 768, 5e:15 15, 88:512 512, 8a:512 512]\r\nOK STATS\r\n");
        fake = FakeIstgt.start(socket(), replies);

        int code = run("snapshot", "--socket", socket().toString(), "--format", "text");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("scsi opcodes (started/finished; 10 of 14 listed, the others unknown):"
                        + " 0x00 15/15, 0x08 510/510,",
                "iscsi pdus (started/finished): 0x01 3932/0, ", ", 0x31 0/2688\n");
        assertThat(err.toString()).isEqualTo("istgt-collector: warning: STATS listed 10 of 14 SCSI opcodes; the others"
                + " are unknown\n");
    }

    @Test
    void shouldReadTheSocketFromTheEnvironment() throws Exception {
        fake = FakeIstgt.start(socket(), IstgtReplies.stockReplies());

        int code = run(Map.of("ISTGT_COLLECTOR_SOCKET", socket().toString(), "ISTGT_COLLECTOR_FORMAT", "text"),
                "snapshot");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("istgt istgt:");
    }

    @Test
    void shouldPreferTheCommandLineOverTheEnvironment() throws Exception {
        fake = FakeIstgt.start(socket(), IstgtReplies.stockReplies());

        int code = run(Map.of("ISTGT_COLLECTOR_SOCKET", "/nonexistent/sock"), "snapshot", "--socket",
                socket().toString());

        assertThat(code).isZero();
    }

    /** The file a target pod's collector runs with: run's settings, one socket, and a timeout. */
    private Path runsConfigFile(String socketValue) throws Exception {
        return Files.writeString(dir.resolve("collector.properties"), "socket=" + socketValue + "\n"
                + "bootstrap-servers=kafka:9092\nschema-registry-url=http://registry:8081\ninterval=2s\n"
                + "spool-dir=/var/lib/istgt-collector/spool\ntimeout=300ms\n");
    }

    @Test
    void shouldPollTheSocketOfRunsConfigFileWithItsTimeoutAndLeaveRunsOtherKeysAlone() throws Exception {
        Path file = runsConfigFile("vol1=" + socket());
        fake = FakeIstgt.start(socket(), Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.awaitClientClose();
        });

        int code = run(Map.of("ISTGT_COLLECTOR_CONFIG", file.toString()), "snapshot");

        assertThat(code).as("the file's timeout, 300ms, not the default 5s").isEqualTo(13);
        assertThat(err.toString()).startsWith("istgt-collector: read timed out: istgt sent nothing for 300ms (socket "
                + socket() + ", command ISTGTSTATUS)");
    }

    @Test
    void shouldPrintTheSnapshotOfTheSocketTheConfigFileNames() throws Exception {
        Path file = runsConfigFile(socket().toString());
        fake = FakeIstgt.start(socket(), IstgtReplies.deepReplies());

        int code = run("snapshot", "--config", file.toString());

        assertThat(code).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("socketPath").asText())
                .isEqualTo(socket().toString());
    }

    @Test
    void shouldRefuseSeveralSocketsSayingWhereTheyCameFrom() throws Exception {
        Path file = runsConfigFile("vol1=/run/a.sock, vol2=/run/b.sock");

        assertThat(run("snapshot", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("istgt-collector snapshot: socket from config file " + file + " names 2"
                + " istgts (vol1=/run/a.sock, vol2=/run/b.sock): snapshot polls one; give --socket [NAME=]PATH"
                + System.lineSeparator());

        err.getBuffer().setLength(0);
        assertThat(run(Map.of("ISTGT_COLLECTOR_SOCKET", "/run/a.sock,/run/b.sock"), "snapshot")).isEqualTo(2);
        assertThat(err.toString()).startsWith("istgt-collector snapshot: socket from environment ISTGT_COLLECTOR_SOCKET"
                + " names 2 istgts");
    }

    @Test
    void shouldAskForASocketWhenTheConfigFindsSocketsInADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("node.properties"), "kubelet-pods-dir=/pods\n"
                + "bootstrap-servers=kafka:9092\n");

        assertThat(run("snapshot", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("istgt-collector snapshot: config file " + file + " sets kubelet-pods-dir"
                + " /pods and no socket: snapshot polls one socket; give --socket PATH, one of the sockets run finds"
                + " there" + System.lineSeparator());

        err.getBuffer().setLength(0);
        assertThat(run(Map.of("ISTGT_COLLECTOR_SOCKET_DIR", "/run/istgt"), "snapshot")).isEqualTo(2);
        assertThat(err.toString()).startsWith("istgt-collector snapshot: environment ISTGT_COLLECTOR_SOCKET_DIR sets"
                + " socket-dir /run/istgt and no socket");
    }

    @Test
    void shouldRefuseAConfigKeyNoSubcommandTakesAndNameTheFileOfABadValue() throws Exception {
        Path misspelt = Files.writeString(dir.resolve("misspelt.properties"), "sokcet=/run/a.sock\n");
        Path badTimeout = Files.writeString(dir.resolve("bad.properties"), "timeout=5\n");

        assertThat(run("snapshot", "--config", misspelt.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("istgt-collector snapshot: unknown key sokcet in config file " + misspelt
                + " (--config): it takes the options' names without dashes (format, max-line-bytes, socket, timeout)"
                + " and the other subcommand's keys");

        err.getBuffer().setLength(0);
        assertThat(run("snapshot", "--config", badTimeout.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--timeout': invalid duration '5'",
                "(config file " + badTimeout + ")");
    }

    @Test
    void shouldSayWhatToDoAndExitTenWhenThereIsNoSocket() {
        int code = run("snapshot", "--socket", socket().toString());

        assertThat(code).isEqualTo(10);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("istgt-collector: no socket at " + socket()
                + ": is istgt running? the default path is /var/run/istgt_ctl_sock" + System.lineSeparator());
    }

    @Test
    void shouldExitElevenWhenNothingListens() throws Exception {
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket()));
        }

        assertThat(run("snapshot", "--socket", socket().toString())).isEqualTo(11);
        assertThat(err.toString()).isEqualTo("istgt-collector: connection refused: a socket file is at " + socket()
                + " but nothing listens on it: istgt is not running or is restarting; check the target container"
                + System.lineSeparator());
    }

    @Test
    void shouldExitThirteenOnATimeoutWithinTheGivenTimeout() throws Exception {
        fake = FakeIstgt.start(socket(), Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.awaitClientClose();
        });

        int code = run("snapshot", "--socket", socket().toString(), "--timeout", "300ms");

        assertThat(code).isEqualTo(13);
        assertThat(err.toString()).isEqualTo("istgt-collector: read timed out: istgt sent nothing for 300ms (socket "
                + socket() + ", command ISTGTSTATUS): istgt is hung or overloaded; retry, or allow more with --timeout"
                + System.lineSeparator());
    }

    @Test
    void shouldExitFifteenWhenIstgtLacksIostats() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.stockReplies());
        replies.remove("IOSTATS");
        fake = FakeIstgt.start(socket(), replies);

        assertThat(run("snapshot", "--socket", socket().toString())).isEqualTo(15);
        assertThat(err.toString()).startsWith("istgt-collector: this istgt does not know IOSTATS");
    }

    @Test
    void shouldPrintWarningsOnStderrAndStillSucceed() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.stockReplies());
        replies.remove("MEMPOOL");
        fake = FakeIstgt.start(socket(), replies);

        assertThat(run("snapshot", "--socket", socket().toString())).isZero();
        assertThat(err.toString()).isEqualTo("istgt-collector: warning: this istgt does not know MEMPOOL: its values "
                + "are absent" + System.lineSeparator());
    }

    @Test
    void shouldRejectADurationWithoutAUnit() {
        int code = run("snapshot", "--timeout", "5");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--timeout': invalid duration '5': expected a "
                + "whole number and a unit, e.g. 500ms, 10s, 1m, 2h");
    }

    @Test
    void shouldRejectALineCapBelowIstgtsOwnLimit() {
        int code = run("snapshot", "--max-line-bytes", "100");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("istgt-collector snapshot: maxLineBytes must be at least 4096 (istgt's "
                + "line limit), got 100" + System.lineSeparator());
    }

    @Test
    void shouldShowDefaultsEnvironmentAndExitCodesInHelp() {
        int code = run(Map.of("ISTGT_COLLECTOR_TIMEOUT", "10s"), "snapshot", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Default: /var/run/istgt_ctl_sock", "Default: 10s", "Default: json",
                "ISTGT_COLLECTOR_SOCKET", "--config=FILE", "one file serves run and snapshot", "Exit codes:",
                " 10  no socket at the path", " 13  timeout");
    }

    @Test
    void shouldAskForASubcommand() {
        int code = run();

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("a subcommand is required, e.g. snapshot", "snapshot");
    }
}
