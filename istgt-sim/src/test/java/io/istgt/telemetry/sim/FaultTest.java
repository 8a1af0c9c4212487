package io.istgt.telemetry.sim;

import io.istgt.telemetry.sim.fault.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each fault, and that clearing it restores normal service for the next connection. */
class FaultTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private EmulatedIstgt istgt;

    @BeforeEach
    void start() {
        // pauses are recorded and kept short, so the slow faults are checked without waiting for real: the 1 ms
        // sleep is the emulator's pause itself, shortened, not a wait for anything
        istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().clock(clock)
                .pause(d -> {
                    pauses.add(d);
                    Thread.sleep(1);
                }).build());
        clock.advance(Duration.ofSeconds(7));
    }

    @AfterEach
    void stop() {
        istgt.close();
    }

    @Test
    void shouldStallAfterReadingTheCommandUntilTheFaultIsCleared() throws Exception {
        istgt.fault(Fault.stall());
        try (ControlClient client = ControlClient.connect(istgt.socketPath())) {
            assertThat(client.readLine()).startsWith("iSCSI Target Controller");
            client.send("IOSTATS\n");

            assertThat(client.readFor(Duration.ofMillis(300))).isEmpty();

            istgt.clearFault();
            // the stalled connection is dropped without a reply
            assertThat(CompletableFuture.supplyAsync(client::readToEnd).get(10, TimeUnit.SECONDS)).isEmpty();
        }
        assertNormalService();
    }

    @Test
    void shouldDelayEveryReplyLine() {
        istgt.fault(Fault.slowReply(Duration.ofMillis(40)));

        String reply = ControlClient.converse(istgt.socketPath(), "STATUS\nQUIT\n");

        assertThat(Replies.lines(reply)).contains("OK STATUS", "OK QUIT");
        assertThat(pauses).hasSize(4).allMatch(d -> d.equals(Duration.ofMillis(40)));
        istgt.clearFault();
        assertNormalService();
    }

    @Test
    void shouldDelayEveryReplyByte() {
        istgt.fault(Fault.slowBytes(Duration.ofMillis(2)));

        String reply = ControlClient.converse(istgt.socketPath(), "QUIT\n");

        assertThat(reply).endsWith("OK QUIT\r\n");
        assertThat(pauses).hasSize(reply.length());
        istgt.clearFault();
        assertNormalService();
    }

    @Test
    void shouldAnswerWithGarbage() {
        istgt.fault(Fault.garbage());

        try (ControlClient client = ControlClient.connect(istgt.socketPath())) {
            client.readLine();
            client.send("IOSTATS\n");
            String got = client.readFor(Duration.ofMillis(300));

            assertThat(got).hasSize(512).doesNotStartWith("IOSTATS").doesNotContain("OK IOSTATS");
        }
        istgt.clearFault();
        assertNormalService();
    }

    @Test
    void shouldCutJsonShortAndStillSayOk() {
        istgt.fault(Fault.truncatedJson());

        String reply = ControlClient.converse(istgt.socketPath(), "IOSTATS\nQUIT\n");

        List<String> lines = Replies.lines(reply);
        assertThat(lines.get(1)).startsWith("IOSTATS  { \"iqn\"").doesNotEndWith("}");
        assertThat(lines.subList(2, lines.size())).containsExactly("OK IOSTATS", "OK QUIT");
        istgt.clearFault();
        assertNormalService();
    }

    @Test
    void shouldCloseTheConnectionMidLine() {
        istgt.fault(Fault.closeMidLine());

        String reply = ControlClient.converse(istgt.socketPath(), "IOSTATS\n");

        String afterGreeting = reply.substring(reply.indexOf("\r\n") + 2);
        assertThat(afterGreeting).startsWith("IOSTATS  {").doesNotContain("\r\n");
        istgt.clearFault();
        assertNormalService();
    }

    @Test
    void shouldSendALineOfMegabytesWithoutHoldingIt() throws IOException {
        long size = 8L << 20;
        istgt.fault(Fault.hugeLine(size));

        try (ControlClient client = ControlClient.connect(istgt.socketPath())) {
            client.readLine();
            client.send("IOSTATS\nQUIT\n");
            InputStream in = new java.io.BufferedInputStream(client.input(), 1 << 16);
            long lineLength = 0;
            int b;
            while ((b = in.read()) != '\n') {
                lineLength++;
            }
            assertThat(lineLength + 1).isEqualTo(size);
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo("OK IOSTATS\r\nOK QUIT\r\n");
        }
        istgt.clearFault();
        assertNormalService();
    }

    @Test
    void shouldRefuseKnownCommandsAndHangUpWhileReplicationIsNotInitialized() {
        istgt.fault(Fault.notInitialized());

        assertThat(Replies.lines(ControlClient.converse(istgt.socketPath(), "FOO\nIOSTATS\nNOOP\n")))
                .containsExactly(Replies.lines(ControlClient.converse(istgt.socketPath(), "QUIT\n")).get(0),
                        "ERR unknown command", "ERR replication module not initialized");
        istgt.clearFault();
        assertNormalService();
    }

    private void assertNormalService() {
        String reply = ControlClient.converse(istgt.socketPath(), "IOSTATS\nQUIT\n");
        assertThat(Replies.lines(reply)).contains("OK IOSTATS", "OK QUIT");
        assertThat(Replies.single(reply, "IOSTATS").get("Status").asText()).isEqualTo("Degraded");
    }
}
