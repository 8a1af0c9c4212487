package io.istgt.telemetry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.reply.IstgtStatusParserTestAccess;
import io.istgt.telemetry.client.snapshot.CommandSet;
import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.testsupport.FakeIstgt;
import io.istgt.telemetry.testsupport.IstgtReplies;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TargetSessionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:40:00Z");
    private static final ClientSettings FAST = new ClientSettings(Duration.ofSeconds(2), Duration.ofMillis(300),
            Duration.ofSeconds(1), 8192);
    private static final List<String> DEEP_POLL = List.of("ISTGTSTATUS", "IOSTATS", "REPLICA", "STATUS", "STATS",
            "INFO", "MEMPOOL", "MAXIOWAIT");
    private static final List<String> STOCK_POLL = DEEP_POLL.subList(1, DEEP_POLL.size());

    @TempDir
    Path dir;

    private FakeIstgt fake;
    private TargetSession session;

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private TargetSession session(Map<String, String> replies) throws Exception {
        fake = FakeIstgt.start(dir.resolve("istgt.sock"), replies);
        session = new TargetSession(fake.path(), FAST, Clock.fixed(NOW, ZoneOffset.UTC));
        return session;
    }

    @Test
    void shouldTakeADeepSnapshotOverOneConnection() throws Exception {
        IstgtSnapshot s = session(IstgtReplies.deepReplies()).poll();

        assertThat(s.commandSet()).isEqualTo(CommandSet.DEEP);
        assertThat(s.collectedAt()).isEqualTo(NOW);
        assertThat(s.socketPath()).isEqualTo(fake.path().toString());
        assertThat(s.istgtVersion()).isEqualTo("istgt:0.5.20121028:20:23:24:Nov 23 2026");
        assertThat(s.io().commands().read16()).isEqualTo(9213L);
        assertThat(s.volumes()).singleElement().satisfies(v -> assertThat(v.target().io().readOps()).isEqualTo(9725L));
        assertThat(s.warnings()).isEmpty();
        assertThat(fake.requests()).isEqualTo(DEEP_POLL);
        assertThat(fake.connections()).isEqualTo(1);
        assertThat(session.knownCommandSet()).contains(CommandSet.DEEP);
    }

    @Test
    void shouldFallBackToTheStockSetAndRememberItWhileConnected() throws Exception {
        session(IstgtReplies.stockReplies());

        IstgtSnapshot first = session.poll();
        IstgtSnapshot second = session.poll();

        assertThat(first.commandSet()).isEqualTo(CommandSet.STOCK);
        assertThat(second.commandSet()).isEqualTo(CommandSet.STOCK);
        assertThat(first.io().commands()).isNull();
        assertThat(first.volumes().get(0).target().io().writeOps()).isEqualTo(768L);
        assertThat(session.knownCommandSet()).contains(CommandSet.STOCK);
        assertThat(fake.requests()).isEqualTo(Stream.concat(DEEP_POLL.stream(), STOCK_POLL.stream()).toList());
        assertThat(fake.connections()).isEqualTo(1);
    }

    @Test
    void shouldForgetTheFallbackWhenTheConnectionIsReestablished() throws Exception {
        session(IstgtReplies.stockReplies());
        assertThat(session.poll().commandSet()).isEqualTo(CommandSet.STOCK);
        // istgt is restarted as a deep-visibility build: the old connection dies, the new one knows ISTGTSTATUS.
        fake.thenOnNextConnection(c -> {
            c.sendGreeting();
            c.replay(IstgtReplies.deepReplies());
        });
        fake.dropConnections();

        IstgtSnapshot after = session.poll();

        assertThat(after.commandSet()).isEqualTo(CommandSet.DEEP);
        assertThat(fake.connections()).isEqualTo(2);
        assertThat(session.knownCommandSet()).contains(CommandSet.DEEP);
    }

    @Test
    void shouldReconnectAtOnceWhenIstgtClosedTheKeptConnection() throws Exception {
        session(IstgtReplies.deepReplies());
        session.poll();
        fake.dropConnections();

        IstgtSnapshot s = session.poll();

        assertThat(s.commandSet()).isEqualTo(CommandSet.DEEP);
        assertThat(fake.connections()).isEqualTo(2);
    }

    static Stream<Arguments> misbehaviours() {
        String iostats = IstgtReplies.reply("05-after-io-IOSTATS.raw");
        return Stream.of(
                arguments("stall after the greeting", ErrorKind.TIMEOUT, c -> {
                    c.sendGreeting();
                    c.awaitClientClose();
                }),
                arguments("slow drip", ErrorKind.TIMEOUT, c -> {
                    c.sendGreeting();
                    c.readRequest();
                    c.drip(iostats, 20);
                }),
                arguments("garbage greeting", ErrorKind.NOT_ISTGT, c -> {
                    c.send("HTTP/1.1 400 Bad Request\r\n");
                    c.awaitClientClose();
                }),
                arguments("close mid-line", ErrorKind.CONNECTION_CLOSED, c -> {
                    c.sendGreeting();
                    c.readRequest();
                    c.send(iostats.substring(0, 100));
                }),
                arguments("megabyte line", ErrorKind.LINE_TOO_LONG, c -> {
                    c.sendGreeting();
                    c.readRequest();
                    for (int i = 0; i < 16; i++) {
                        c.send("y".repeat(64 * 1024));
                    }
                    c.awaitClientClose();
                }),
                arguments("ERR then disconnect", ErrorKind.ERR_REPLY, c -> {
                    c.sendGreeting();
                    c.readRequest();
                    c.send("ERR replication module not initialized\r\n");
                }),
                arguments("truncated IOSTATS", ErrorKind.JSON_TRUNCATED, c -> {
                    c.sendGreeting();
                    c.readRequest();
                    c.send("ERR unknown command\r\n");
                    c.readRequest();
                    c.send(iostats.substring(0, 900) + "\r\nOK IOSTATS\r\n");
                    c.awaitClientClose();
                }),
                arguments("malformed IOSTATS", ErrorKind.JSON_MALFORMED, c -> {
                    c.sendGreeting();
                    c.readRequest();
                    c.send("ERR unknown command\r\n");
                    c.readRequest();
                    c.send(iostats.replace("\"WriteIOPS\":", "\"WriteIOPS\"") + "");
                    c.awaitClientClose();
                }));
    }

    private static Arguments arguments(String name, ErrorKind kind, FakeIstgt.Script script) {
        return Arguments.of(Named.of(name, script), kind);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misbehaviours")
    void shouldFailWithTheRightKindInBoundedTimeAndWorkOnTheNextPoll(FakeIstgt.Script script, ErrorKind kind)
            throws Exception {
        session(IstgtReplies.deepReplies());
        fake.thenOnNextConnection(script);

        long start = System.nanoTime();
        assertThatThrownBy(session::poll)
                .isInstanceOfSatisfying(IstgtControlException.class, e -> assertThat(e.kind()).isEqualTo(kind));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(session.connected()).isFalse();

        IstgtSnapshot next = session.poll();

        assertThat(next.commandSet()).isEqualTo(CommandSet.DEEP);
        assertThat(fake.connections()).isEqualTo(2);
    }

    @Test
    void shouldUseTheStockSetForAPollWhoseIstgtstatusWasCutShortWithoutRememberingIt() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.deepReplies());
        String cut = IstgtStatusParserTestAccess.lineLongerThanIstgtsLimit().substring(0, 4082);
        replies.put("ISTGTSTATUS", "ISTGTSTATUS  " + cut + "\r\nOK ISTGTSTATUS\r\n");
        session(replies);

        IstgtSnapshot first = session.poll();
        session.poll();

        assertThat(first.commandSet()).isEqualTo(CommandSet.STOCK);
        assertThat(first.warnings()).singleElement().asString()
                .startsWith("ISTGTSTATUS JSON is truncated: it stops after 4082 bytes without closing")
                .endsWith(": used the stock command set instead");
        assertThat(first.partialFailures()).singleElement().satisfies(f -> {
            assertThat(f.command()).isEqualTo("ISTGTSTATUS");
            assertThat(f.kind()).isEqualTo(ErrorKind.JSON_TRUNCATED);
            assertThat(f.message()).startsWith("ISTGTSTATUS JSON is truncated")
                    .contains("(socket " + fake.path() + ", command ISTGTSTATUS)");
            assertThat(f.errorReply()).isNull();
        });
        assertThat(first.volumes().get(0).replicas()).hasSize(3);
        assertThat(fake.requests().stream().filter("ISTGTSTATUS"::equals)).hasSize(2);
        assertThat(session.knownCommandSet()).isEmpty();
    }

    @Test
    void shouldLeaveOutAnOptionalCommandThisIstgtLacksAndStopAskingForIt() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.deepReplies());
        replies.remove("MEMPOOL");
        session(replies);

        IstgtSnapshot first = session.poll();
        IstgtSnapshot second = session.poll();

        assertThat(first.volumes().get(0).replicas()).allSatisfy(r -> assertThat(r.mempool()).isNull());
        assertThat(first.warnings()).containsExactly("this istgt does not know MEMPOOL: its values are absent");
        assertThat(second.warnings()).containsExactly("this istgt does not know MEMPOOL: its values are absent");
        PartialFailure expected = new PartialFailure("MEMPOOL", ErrorKind.UNSUPPORTED_COMMAND,
                "this istgt does not know MEMPOOL: it answered 'ERR unknown command' (socket " + fake.path()
                        + ", command MEMPOOL)",
                "unknown command");
        assertThat(first.partialFailures()).containsExactly(expected);
        assertThat(second.partialFailures()).containsExactly(expected);
        assertThat(fake.requests().stream().filter("MEMPOOL"::equals)).hasSize(1);
    }

    @Test
    void shouldReportAnErrAnswerToAnOptionalCommandAsAPartialFailureAndKeepTheConnection() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.deepReplies());
        replies.put("STATS", "ERR stats busy\r\n");
        session(replies);

        IstgtSnapshot first = session.poll();
        IstgtSnapshot second = session.poll();

        assertThat(first.io().scsiOpcodes()).isNull();
        assertThat(first.volumes().get(0).replicas()).allSatisfy(r -> assertThat(r.mempool()).isNotNull());
        assertThat(first.partialFailures()).containsExactly(new PartialFailure("STATS", ErrorKind.ERR_REPLY,
                "istgt answered 'ERR stats busy' (socket " + fake.path() + ", command STATS)", "stats busy"));
        assertThat(first.warnings()).containsExactly(
                "istgt answered 'ERR stats busy' (socket " + fake.path() + ", command STATS): its values are absent");
        assertThat(second.partialFailures()).hasSize(1);
        assertThat(fake.requests().stream().filter("STATS"::equals)).hasSize(2);
        assertThat(fake.connections()).isEqualTo(1);
    }

    @Test
    void shouldKeepIstgtsErrTextVerbatimOnTheFailure() throws Exception {
        session(IstgtReplies.deepReplies());
        fake.thenOnNextConnection(c -> {
            c.sendGreeting();
            c.readRequest();
            c.send("ERR replication module not initialized\r\n");
        });

        assertThatThrownBy(session::poll).isInstanceOfSatisfying(IstgtControlException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.ERR_REPLY);
            assertThat(e.command()).contains("ISTGTSTATUS");
            assertThat(e.errorReply()).contains("replication module not initialized");
        });
    }

    @Test
    void shouldFailWhenIostatsIsUnknownBecauseNoSnapshotExistsWithoutIt() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.deepReplies());
        replies.remove("IOSTATS");
        session(replies);

        assertThatThrownBy(session::poll)
                .isInstanceOfSatisfying(IstgtControlException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED_COMMAND));
    }

    @Test
    void shouldReportNoSocketAndSucceedOnceIstgtIsThere() throws Exception {
        Path path = dir.resolve("istgt.sock");
        session = new TargetSession(path, FAST, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(session::poll)
                .isInstanceOfSatisfying(IstgtControlException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NO_SOCKET));

        fake = FakeIstgt.start(path, IstgtReplies.stockReplies());
        assertThat(session.poll().commandSet()).isEqualTo(CommandSet.STOCK);
    }
}
