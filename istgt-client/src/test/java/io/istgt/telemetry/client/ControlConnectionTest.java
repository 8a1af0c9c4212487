package io.istgt.telemetry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.testsupport.FakeIstgt;
import io.istgt.telemetry.testsupport.IstgtReplies;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlConnectionTest {

    private static final ClientSettings FAST = new ClientSettings(Duration.ofSeconds(2), Duration.ofMillis(300),
            Duration.ofSeconds(1), ClientSettings.DEFAULT_MAX_LINE_BYTES);

    @TempDir
    Path dir;

    private FakeIstgt fake;

    @AfterEach
    void stopFake() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    private FakeIstgt fake(Map<String, String> replies) throws Exception {
        fake = FakeIstgt.start(dir.resolve("istgt.sock"), replies);
        return fake;
    }

    private Path socket() {
        return dir.resolve("istgt.sock");
    }

    @Test
    void shouldReadTheGreetingAndIstgtsVersion() throws Exception {
        fake(IstgtReplies.stockReplies());

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertThat(c.greeting()).isEqualTo("iSCSI Target Controller version istgt:0.5.20121028:20:23:24:Nov 23 2026 on  from ");
            assertThat(c.istgtVersion()).isEqualTo("istgt:0.5.20121028:20:23:24:Nov 23 2026");
        }
    }

    @Test
    void shouldServeSeveralCommandsOnOneConnectionAndCloseWithQuit() throws Exception {
        fake(IstgtReplies.stockReplies());

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertThat(c.request(ControlCommand.IOSTATS)).hasSize(1).first().asString().startsWith("{ \"iqn\"");
            assertThat(c.request(ControlCommand.STATS)).containsExactly(
                    "PDU:9 [1:1313 0, 3:8 0, 4:1 0, 6:7 0, 21:0 781, 23:0 8, 24:0 1, 25:0 532, 26:0 7, 0:0 0]",
                    "SCSI:10 [0:7 7, 12:11 11, 1a:2 2, 25:3 3, 28:512 512, 2a:768 768, 5e:4 4, 9e:3 3, a0:1 1, a3:2 2]");
            assertThat(c.request(ControlCommand.INFO)).hasSize(7);
        }

        assertThat(fake.requests()).containsExactly("IOSTATS", "STATS", "INFO", "QUIT");
        assertThat(fake.connections()).isEqualTo(1);
    }

    @Test
    void shouldAcceptLinesEndedByLfAlone() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.send(IstgtReplies.greeting().replace("\r\n", "\n"));
            c.readRequest();
            c.send(IstgtReplies.reply("06-healthy-REPLICA.raw").replace("\r\n", "\n"));
            c.awaitClientClose();
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertThat(c.request(ControlCommand.REPLICA)).singleElement().asString().startsWith("{\"volumeStatus\"");
        }
    }

    @Test
    void shouldReportAnErrReplyWithItsTextAndStayUsable() throws Exception {
        fake(Map.of("STATUS", "ERR no target\r\n", "NOOP", "OK NOOP\r\n"));

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertThatThrownBy(() -> c.request(ControlCommand.STATUS))
                    .isInstanceOfSatisfying(IstgtControlException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.ERR_REPLY);
                        assertThat(e.command()).contains("STATUS");
                    })
                    .hasMessage("istgt answered 'ERR no target' (socket " + socket() + ", command STATUS)");
            assertThat(c.isUsable()).isTrue();
            assertThat(c.request(ControlCommand.NOOP)).isEmpty();
        }
    }

    @Test
    void shouldReportAnUnknownCommandAsUnsupported() throws Exception {
        fake(IstgtReplies.stockReplies());

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertThatThrownBy(() -> c.request(ControlCommand.ISTGTSTATUS))
                    .isInstanceOfSatisfying(IstgtControlException.class,
                            e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_COMMAND))
                    .hasMessage("this istgt does not know ISTGTSTATUS: it answered 'ERR unknown command' (socket "
                            + socket() + ", command ISTGTSTATUS)");
        }
    }

    @Test
    void shouldReportNoSocketFile() {
        assertFails(() -> ControlConnection.open(socket(), FAST), ErrorKind.NO_SOCKET, "no socket at " + socket());
    }

    @Test
    void shouldReportAPathThatIsNotASocketAsNoSocket() throws Exception {
        Files.writeString(socket(), "not a socket");

        assertFails(() -> ControlConnection.open(socket(), FAST), ErrorKind.NO_SOCKET,
                "no socket at " + socket() + ": it exists but is not a socket");
    }

    @Test
    void shouldReportASocketFileNobodyListensOnAsRefused() throws Exception {
        try (ServerSocketChannel gone = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            gone.bind(UnixDomainSocketAddress.of(socket()));
        }
        assertThat(socket()).exists();

        assertFails(() -> ControlConnection.open(socket(), FAST), ErrorKind.CONNECTION_REFUSED,
                "connection refused: a socket file is at " + socket() + " but nothing listens on it");
    }

    @Test
    void shouldTimeOutWhenNoGreetingComes() throws Exception {
        fake(Map.of()).thenOnNextConnection(FakeIstgt.Conversation::awaitClientClose);

        assertFails(() -> ControlConnection.open(socket(), FAST), ErrorKind.TIMEOUT,
                "read timed out: istgt sent nothing for 300ms (socket " + socket() + ")");
    }

    @Test
    void shouldTimeOutWhenAReplyStalls() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.awaitClientClose();
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertFails(() -> c.request(ControlCommand.IOSTATS), ErrorKind.TIMEOUT,
                    "read timed out: istgt sent nothing for 300ms (socket " + socket() + ", command IOSTATS)");
            assertThat(c.isUsable()).isFalse();
        }
    }

    @Test
    void shouldGiveUpOnASlowDripAtTheRequestDeadline() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.readRequest();
            c.drip(IstgtReplies.reply("05-after-io-IOSTATS.raw"), 20);
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertFails(() -> c.request(ControlCommand.IOSTATS), ErrorKind.TIMEOUT,
                    "request deadline of 1s passed before the reply was complete (socket " + socket()
                            + ", command IOSTATS)");
        }
    }

    @Test
    void shouldRejectAGreetingThatIsNotIstgts() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.send("SSH-2.0-OpenSSH_9.2\r\n");
            c.awaitClientClose();
        });

        assertFails(() -> ControlConnection.open(socket(), FAST), ErrorKind.NOT_ISTGT,
                "not an istgt control socket: the greeting should start with 'iSCSI Target Controller version ' but "
                        + "is 'SSH-2.0-OpenSSH_9.2' (socket " + socket() + ")");
    }

    @Test
    void shouldRejectBinaryGarbageWithoutLineEndsAsNotIstgt() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.send("\u0001\u0002garbage".repeat(300));
            c.awaitClientClose();
        });

        assertFails(() -> ControlConnection.open(socket(), FAST), ErrorKind.NOT_ISTGT,
                "not an istgt control socket: no line end in the first 1024 bytes, where istgt sends a short greeting"
                        + " (socket " + socket() + ")");
    }

    @Test
    void shouldReportAConnectionClosedInTheMiddleOfALine() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.readRequest();
            c.send("IOSTATS  { \"iqn\": \"iqn.2016-09");
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertFails(() -> c.request(ControlCommand.IOSTATS), ErrorKind.CONNECTION_CLOSED,
                    "istgt closed the connection in the middle of a line (30 bytes received, no line end) (socket "
                            + socket() + ", command IOSTATS)");
        }
    }

    @Test
    void shouldReportAConnectionClosedBeforeTheOkLine() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.readRequest();
            c.send("STATS  PDU:0 SCSI:0\r\n");
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertFails(() -> c.request(ControlCommand.STATS), ErrorKind.CONNECTION_CLOSED,
                    "istgt closed the connection before the reply was complete (1 data lines received, no 'OK STATS') "
                            + "(socket " + socket() + ", command STATS)");
        }
    }

    @Test
    void shouldStopReadingAMegabyteLineAtTheCap() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.readRequest();
            String chunk = "x".repeat(64 * 1024);
            for (int i = 0; i < 16; i++) {
                c.send(chunk);
            }
            c.awaitClientClose();
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST.withMaxLineBytes(8192))) {
            assertFails(() -> c.request(ControlCommand.IOSTATS), ErrorKind.LINE_TOO_LONG,
                    "a reply line is longer than 8192 bytes (istgt's lines are at most 4096): stopped reading it "
                            + "(socket " + socket() + ", command IOSTATS)");
        }
    }

    @Test
    void shouldReportAnErrFollowedByADisconnect() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.readRequest();
            c.send("ERR replication module not initialized\r\n");
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertFails(() -> c.request(ControlCommand.REPLICA), ErrorKind.ERR_REPLY,
                    "istgt answered 'ERR replication module not initialized' (socket " + socket() + ", command REPLICA)");
            assertThatThrownBy(() -> c.request(ControlCommand.IOSTATS))
                    .isInstanceOfSatisfying(IstgtControlException.class, e -> assertThat(e.kind())
                            .isIn(ErrorKind.CONNECTION_CLOSED, ErrorKind.IO_ERROR));
            assertThat(c.isUsable()).isFalse();
        }
    }

    @Test
    void shouldReportALineOfAnotherCommandAsAProtocolError() throws Exception {
        fake(Map.of("IOSTATS", "REPLICA  {}\r\nOK REPLICA\r\n"));

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertFails(() -> c.request(ControlCommand.IOSTATS), ErrorKind.PROTOCOL_ERROR,
                    "unexpected line in the reply: 'REPLICA  {}' (socket " + socket() + ", command IOSTATS)");
        }
    }

    @Test
    void shouldReadNonAsciiLinesAsTheirUtf8Text() throws Exception {
        // 4095 bytes, but fewer characters: the line's length was always counted in characters, so it is not taken
        // for a line cut at istgt's buffer and the OK after it ends the reply.
        String longPayload = "\u00e9".repeat((4095 - "IOSTATS  ".length()) / 2);
        fake(Map.of("IOSTATS", "IOSTATS  {\"iqn\":\"caf\u00e9 \u20ac\"}\r\nIOSTATS  " + longPayload + "\r\nOK IOSTATS\r\n",
                "REPLICA", "R\u00c9PLICA  {}\r\nOK REPLICA\r\n"));

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertThat(c.request(ControlCommand.IOSTATS)).containsExactly("{\"iqn\":\"caf\u00e9 \u20ac\"}", longPayload);
            assertFails(() -> c.request(ControlCommand.REPLICA), ErrorKind.PROTOCOL_ERROR,
                    "unexpected line in the reply: 'R\\xc9PLICA  {}' (socket " + socket() + ", command REPLICA)");
        }
    }

    @Test
    void shouldSendTheCommandWordAloneOnItsLine() throws Exception {
        fake(IstgtReplies.stockReplies());

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            assertThat(c.request(ControlCommand.REPLICA)).hasSize(1);
        }
        assertThat(fake.requests()).containsExactly("REPLICA", "QUIT");
    }

    @Test
    void shouldSendPipelinedCommandsInOneWriteAndReadTheirRepliesInOrder() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            // All three requests are there before any reply is sent: they came in one write.
            List<String> requests = List.of(c.readRequest(), c.readRequest(), c.readRequest());
            assertThat(requests).containsExactly("ISTGTSTATUS", "IOSTATS", "MEMPOOL");
            c.send("ERR unknown command\r\n");
            c.send(IstgtReplies.reply("06-healthy-IOSTATS.raw"));
            c.send("ERR invalid param\r\n");
            c.replay(Map.of());
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            c.send(List.of(ControlCommand.ISTGTSTATUS, ControlCommand.IOSTATS, ControlCommand.MEMPOOL));
            assertFails(() -> c.reply(ControlCommand.ISTGTSTATUS), ErrorKind.UNSUPPORTED_COMMAND,
                    "this istgt does not know ISTGTSTATUS: it answered 'ERR unknown command' (socket " + socket()
                            + ", command ISTGTSTATUS)");
            assertThat(c.reply(ControlCommand.IOSTATS)).hasSize(1).first().asString().startsWith("{ \"iqn\"");
            assertFails(() -> c.reply(ControlCommand.MEMPOOL), ErrorKind.ERR_REPLY,
                    "istgt answered 'ERR invalid param' (socket " + socket() + ", command MEMPOOL)");
            assertThat(c.isUsable()).isTrue();
        }
        assertThat(fake.requests()).containsExactly("ISTGTSTATUS", "IOSTATS", "MEMPOOL", "QUIT");
    }

    @Test
    void shouldReadTheReplyAfterALineCutAtIstgtsBufferInAPipeline() throws Exception {
        String cut = "{\"x\":\"" + "a".repeat(4095 - "ISTGTSTATUS  {\"x\":\"".length());
        fake(Map.of("ISTGTSTATUS", "ISTGTSTATUS  " + cut + "\r\n", "IOSTATS", "IOSTATS  {}\r\nOK IOSTATS\r\n"));

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            c.send(List.of(ControlCommand.ISTGTSTATUS, ControlCommand.IOSTATS));
            assertThat(c.reply(ControlCommand.ISTGTSTATUS)).containsExactly(cut);
            assertThat(c.reply(ControlCommand.IOSTATS)).containsExactly("{}");
        }
    }

    @Test
    void shouldCloseAPipelinedConnectionThatFailsMidReplyAndFailTheRest() throws Exception {
        fake(Map.of()).thenOnNextConnection(c -> {
            c.sendGreeting();
            c.readRequest();
            c.readRequest();
            c.send("IOSTATS  {}\r\nOK IOSTATS\r\nSTATS  PDU:0 SCSI:0\r\n");
        });

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            c.send(List.of(ControlCommand.IOSTATS, ControlCommand.STATS, ControlCommand.INFO));
            assertThat(c.reply(ControlCommand.IOSTATS)).containsExactly("{}");
            assertFails(() -> c.reply(ControlCommand.STATS), ErrorKind.CONNECTION_CLOSED,
                    "istgt closed the connection before the reply was complete (1 data lines received, no 'OK STATS') "
                            + "(socket " + socket() + ", command STATS)");
            assertThat(c.isUsable()).isFalse();
            assertFails(() -> c.reply(ControlCommand.INFO), ErrorKind.IO_ERROR,
                    "the connection was closed after an earlier failure; open a new one (socket " + socket()
                            + ", command INFO)");
        }
    }

    @Test
    void shouldReadRepliesStillOwedBeforeQuitAndRefuseARequestBeforeThem() throws Exception {
        fake(IstgtReplies.stockReplies());

        try (ControlConnection c = ControlConnection.open(socket(), FAST)) {
            c.send(List.of(ControlCommand.IOSTATS, ControlCommand.STATS));
            assertThatThrownBy(() -> c.request(ControlCommand.INFO)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> c.reply(ControlCommand.STATS)).isInstanceOf(IllegalStateException.class);
            assertThat(c.reply(ControlCommand.IOSTATS)).hasSize(1);
        }
        assertThat(fake.requests()).containsExactly("IOSTATS", "STATS", "QUIT");
        assertThat(fake.connections()).isEqualTo(1);
    }

    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    /** The call fails with {@code kind} and exactly {@code message}, within a bound far below any hang. */
    static void assertFails(Call call, ErrorKind kind, String message) {
        long start = System.nanoTime();
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(IstgtControlException.class, e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessage(message);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

}
