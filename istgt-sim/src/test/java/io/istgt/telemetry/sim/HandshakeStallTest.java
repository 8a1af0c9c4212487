package io.istgt.telemetry.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** While a replica connects, the ISTGTSTATUS build answers ISTGTSTATUS and REPLICA only after about 0.9 s. */
class HandshakeStallTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:38:48Z"));
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final IstgtUnderTest istgt = new IstgtUnderTest(clock);

    // Pauses are recorded, not waited: the emulated clock says how long a handshake still runs.
    private Path start(SimConfig.Builder config) {
        Path socket = istgt.start(dir, config.pause(pauses::add));
        istgt.apply("vol1 replica-disconnect 6162");
        clock.advance(Duration.ofSeconds(10));
        return socket;
    }

    @Test
    void shouldHoldIstgtstatusAndReplicaButNothingElseWhileAReplicaConnects() {
        Path socket = start(SimConfig.builder());
        String quiet = ControlClient.converse(socket, "ISTGTSTATUS\nREPLICA\nQUIT\n");
        assertThat(pauses).isEmpty();

        // when a replica connects and everything is asked at that instant
        istgt.apply("vol1 replica-connect 6162");
        String reply = ControlClient.converse(socket, "IOSTATS\nSTATS\nMEMPOOL\nISTGTSTATUS\nREPLICA\nQUIT\n");

        // then only ISTGTSTATUS waits, until the handshake is over, and then it is: REPLICA does not wait again
        assertThat(pauses).containsExactly(Duration.ofMillis(900));
        assertThat(Replies.lines(reply)).contains("OK IOSTATS", "OK STATS", "OK MEMPOOL", "OK ISTGTSTATUS",
                "OK REPLICA", "OK QUIT");
        assertThat(Replies.single(reply, "ISTGTSTATUS").get("replicas")).hasSize(3);
        assertThat(quiet).contains("OK ISTGTSTATUS", "OK REPLICA");
    }

    @Test
    void shouldHoldReplicaAsWellWhenItComesFirst() {
        Path socket = start(SimConfig.builder());
        istgt.apply("vol1 replica-connect 6162");

        String reply = ControlClient.converse(socket, "REPLICA\nISTGTSTATUS\nQUIT\n");

        assertThat(pauses).containsExactly(Duration.ofMillis(900));
        assertThat(Replies.lines(reply)).contains("OK REPLICA", "OK ISTGTSTATUS");
    }

    @Test
    void shouldWaitOnlyForWhatIsLeftOfTheHandshake() {
        Path socket = start(SimConfig.builder());
        istgt.apply("vol1 replica-connect 6162");

        clock.advance(Duration.ofMillis(400));
        ControlClient.converse(socket, "REPLICA\nQUIT\n");
        clock.advance(Duration.ofMillis(500));
        ControlClient.converse(socket, "REPLICA\nQUIT\n");

        assertThat(pauses).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void shouldHoldRepliesAfterARestartWhileTheReplicasComeBack() {
        Path socket = start(SimConfig.builder().handshakeStall(Duration.ofMillis(1500)));
        istgt.apply("vol1 restart");

        clock.advance(Duration.ofMillis(2200)); // 6161 and 6163 back at 1 and 2 s: the later handshake decides
        ControlClient.converse(socket, "ISTGTSTATUS\nQUIT\n");

        assertThat(pauses).containsExactly(Duration.ofMillis(1300));
    }

    @Test
    void shouldAnswerAtOnceWithAZeroStallOrOnTheReleasedBuild() {
        Path socket = start(SimConfig.builder().handshakeStall(Duration.ZERO));
        istgt.apply("vol1 replica-connect 6162");
        ControlClient.converse(socket, "ISTGTSTATUS\nREPLICA\nQUIT\n");
        istgt.stop();

        start(SimConfig.builder().stock(true));
        istgt.apply("vol1 replica-connect 6162");
        String stock = ControlClient.converse(istgt.emulator().socketPath(), "REPLICA\nQUIT\n");

        assertThat(pauses).isEmpty();
        assertThat(stock).contains("OK REPLICA");
    }

    @Test
    void shouldShowTheStallOnTheSocket() {
        // a real wait this time: the emulated clock stands at the replica's connection, so 0.9 s are left
        Path socket = istgt.start(dir, SimConfig.builder());
        istgt.apply("vol1 replica-disconnect 6162");
        istgt.apply("vol1 replica-connect 6162");

        try (ControlClient client = ControlClient.connect(socket)) {
            client.readLine(); // greeting
            client.send("IOSTATS\nREPLICA\nQUIT\n");
            long sent = System.nanoTime();
            assertThat(client.readLine()).startsWith("IOSTATS  {");
            assertThat(client.readLine()).isEqualTo("OK IOSTATS\r\n");
            assertThat(client.readLine()).startsWith("REPLICA  {");
            Duration gap = Duration.ofNanos(System.nanoTime() - sent);

            assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(880)).isLessThan(Duration.ofSeconds(10));
            assertThat(client.readToEnd()).isEqualTo("OK REPLICA\r\nOK QUIT\r\n");
        }
    }
}
