package io.istgt.telemetry.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** istgt's connection rules, over a real unix socket. */
class WireBehaviourTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));
    @RegisterExtension
    final IstgtUnderTest istgt = new IstgtUnderTest(clock);

    @Test
    void shouldServePipelinedCommandsInOrder() {
        Path socket = istgt.start(dir, SimConfig.builder());

        List<String> lines = Replies.lines(ControlClient.converse(socket, "NOOP\nVERSION\r\nSTATUS\nQUIT\n"));

        assertThat(lines).containsExactly(
                "iSCSI Target Controller version istgt:0.5.20121028:20:23:24:Nov 23 2026 on  from ",
                "OK NOOP",
                "VERSION istgt:0.5.20121028:20:23:24:Nov 23 2026", "OK VERSION",
                "STATUS Running:NORMAL MODE OF OPERATION", "STATUS iqn.2016-09.com.openebs.cstor:vol1 REAL",
                "OK STATUS",
                "OK QUIT");
    }

    @Test
    void shouldTakeCommandWordsInAnyCaseAndEchoThemUpperCased() {
        Path socket = istgt.start(dir, SimConfig.builder());

        List<String> lines = Replies.lines(ControlClient.converse(socket, "nOoP\nquit\n"));

        assertThat(lines).containsExactly(lines.get(0), "OK NOOP", "OK QUIT");
    }

    @Test
    void shouldHonourQuotedArguments() {
        Path socket = istgt.start(dir, SimConfig.builder());

        String reply = ControlClient.converse(socket, "STATUS \"iqn.2016-09.com.openebs.cstor:vol1\" '0'\nQUIT\n");

        assertThat(Replies.lines(reply)).contains("STATUS iqn.2016-09.com.openebs.cstor:vol1 REAL", "OK STATUS");
    }

    @Test
    void shouldCloseTheConnectionAfterQuit() {
        Path socket = istgt.start(dir, SimConfig.builder());

        try (ControlClient client = ControlClient.connect(socket)) {
            client.send("QUIT\nNOOP\n");

            assertThat(client.readToEnd()).endsWith("OK QUIT\r\n").doesNotContain("OK NOOP");
        }
    }

    @Test
    void shouldCloseAConnectionThatStaysIdle() throws Exception {
        Path socket = istgt.start(dir, SimConfig.builder().idleTimeout(Duration.ofMillis(300)));

        try (ControlClient client = ControlClient.connect(socket)) {
            long started = System.nanoTime();
            // the read returns when the server closes; the future bounds the wait
            String got = CompletableFuture.supplyAsync(client::readToEnd).get(10, TimeUnit.SECONDS);

            assertThat(got).startsWith("iSCSI Target Controller version");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void shouldCutIstgtStatusOfFiveReplicasAt4096BytesWithoutOkAndKeepServing() {
        // given five replicas with production-like GUIDs after a day of traffic, snapshots, and one pool
        // replaced (its old replica stays in errors[]): ISTGTSTATUS is longer than istgt's 4096-byte buffer
        Path socket = startFiveReplicasOneReplaced();
        istgt.apply("* snapshot 240");

        String reply = ControlClient.converse(socket, "ISTGTSTATUS\nNOOP\nQUIT\n");

        // then the line keeps its first 4095 bytes and still ends in CRLF, no OK ISTGTSTATUS follows,
        // and the connection goes on
        List<String> lines = Replies.lines(reply);
        assertThat(lines.get(1)).startsWith("ISTGTSTATUS  { \"gitCommitHash\"").hasSize(4095);
        assertThat(lines.subList(2, lines.size())).containsExactly("OK NOOP", "OK QUIT");
    }

    @Test
    void shouldAnswerTheNextPipelinedCommandRightAfterACutIstgtStatusLikeTheCapture() {
        // given five replicas with 20-digit ids, one replaced (RF 5, CF 3), as in the capture
        Path socket = startFiveReplicasOneReplaced();

        // when ISTGTSTATUS and IOSTATS are sent together
        String reply = ControlClient.converse(socket, "ISTGTSTATUS\nIOSTATS\nQUIT\n");

        // then the cut line (4095 bytes, CRLF) is followed at once by IOSTATS' reply: no OK ISTGTSTATUS
        List<String> lines = Replies.lines(reply);
        assertThat(lines.get(1)).startsWith("ISTGTSTATUS  { \"gitCommitHash\"").hasSize(4095);
        assertThat(lines.get(2)).startsWith("IOSTATS  { \"iqn\": \"iqn.2016-09.com.openebs.cstor:vol1\"");
        assertThat(lines.subList(3, lines.size())).containsExactly("OK IOSTATS", "OK QUIT");
        assertThat(reply).doesNotContain("OK ISTGTSTATUS");
        // as the real istgt does: its cut line is as long, and the next command's reply (QUIT's) follows it
        List<String> captured = Replies.lines(Captures.own("pr263-05-ISTGTSTATUS-truncated.raw"));
        assertThat(captured).hasSize(3);
        assertThat(captured.get(1)).startsWith("ISTGTSTATUS  { \"gitCommitHash\"").hasSize(lines.get(1).length());
        assertThat(captured.get(2)).isEqualTo("OK QUIT");
        String wire = reply.substring(reply.indexOf("\r\n") + 2);
        assertThat(wire.indexOf("\r\nIOSTATS  {")).isEqualTo(4095);
    }

    // RF 5, CF 3, five replicas with 64-bit ids; after a day one pool is replaced, then an hour passes.
    private Path startFiveReplicasOneReplaced() {
        Path socket = istgt.start(dir, SimConfig.builder().rf(5).cf(3).replicas(5).ioRate(500)
                .replicaIds(SimConfig.ReplicaIds.GUID));
        clock.advance(Duration.ofDays(1));
        istgt.apply("vol1 replica-disconnect " + istgt.emulator().replicaIds("vol1").get(4));
        istgt.apply("vol1 replica-connect 17446744073709551557");
        clock.advance(Duration.ofHours(1));
        return socket;
    }

    @Test
    void shouldSendIstgtStatusOfThreeReplicasWhole() {
        Path socket = istgt.start(dir, SimConfig.builder());

        String reply = ControlClient.converse(socket, "ISTGTSTATUS\nQUIT\n");

        assertThat(Replies.lines(reply)).contains("OK ISTGTSTATUS");
        assertThat(Replies.single(reply, "ISTGTSTATUS").get("replicas")).hasSize(3);
    }

    @Test
    void shouldSplitAnOverlongRequestLineIntoSeveralRequests() {
        Path socket = istgt.start(dir, SimConfig.builder());

        String reply = ControlClient.converse(socket, "NOOP" + " ".repeat(4090) + "NOOP\nQUIT\n");

        // the first 4094 bytes are "NOOP" and blanks; the rest is a second request "NOOP"
        assertThat(Replies.lines(reply)).containsExactly(Replies.lines(reply).get(0), "OK NOOP", "OK NOOP", "OK QUIT");
    }

    @Test
    void shouldAnswerUnknownCommandsAndAuthLikeIstgt() {
        Path socket = istgt.start(dir, SimConfig.builder());

        List<String> lines = Replies.lines(ControlClient.converse(socket, "FOO\nAUTH\n\nQUIT\n"));

        assertThat(lines.subList(1, lines.size())).containsExactly("ERR unknown command", "ERR auth not required",
                "ERR unknown command", "OK QUIT");
    }

    @Test
    void shouldServeANewClientWhileManyConnectionsSitIdle() {
        Path socket = istgt.start(dir, SimConfig.builder());
        List<ControlClient> idle = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                idle.add(ControlClient.connect(socket));
            }

            assertThat(ControlClient.converse(socket, "NOOP\nQUIT\n")).endsWith("OK NOOP\r\nOK QUIT\r\n");
        } finally {
            idle.forEach(ControlClient::close);
        }
    }

    @Test
    void shouldServeManyConnectionsAtOnce() throws Exception {
        Path socket = istgt.start(dir, SimConfig.builder());
        List<CompletableFuture<String>> replies = new java.util.ArrayList<>();

        for (int i = 0; i < 50; i++) {
            replies.add(CompletableFuture.supplyAsync(() -> ControlClient.converse(socket, "IOSTATS\nQUIT\n")));
        }

        for (CompletableFuture<String> r : replies) {
            assertThat(r.get(20, TimeUnit.SECONDS)).contains("OK IOSTATS");
        }
    }
}
