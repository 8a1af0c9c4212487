package io.istgt.telemetry.sim;

import io.istgt.telemetry.sim.event.SimEvent;
import io.istgt.telemetry.sim.model.IoMix;
import io.istgt.telemetry.testsupport.IstgtFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's bytes against the real istgt's captures (test-support's istgt-fixtures). Where the emulator
 * can be put in the very state of the capture the bytes are equal outright; otherwise they are equal once
 * the values are masked ({@link Captures#mask}).
 */
class CaptureReplayTest {

    @TempDir
    Path dir;

    private EmulatedIstgt istgt;
    private ManualClock clock;

    @AfterEach
    void stop() {
        if (istgt != null) {
            istgt.close();
        }
    }

    private Path start(Instant build, SimConfig.Builder config) {
        clock = new ManualClock(build);
        istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), config.clock(clock).build());
        return istgt.socketPath();
    }

    private static SimConfig.Builder stock() {
        return SimConfig.builder().stock(true).ioRate(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"IOSTATS", "REPLICA", "STATUS"})
    void shouldEqualTheOfflineCapturesByteForByte(String command) {
        // given an istgt whose replicas never came, one second after start
        Path socket = start(Captures.STOCK_BUILD, stock().replicas(0));
        clock.advance(Duration.ofSeconds(1));

        // when
        String reply = ControlClient.converse(socket, command + "\nQUIT\n");

        // then
        assertThat(reply).isEqualTo(IstgtFixtures.text("00-offline-" + command + ".raw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"IOSTATS", "REPLICA"})
    void shouldEqualTheDegradedCapturesByteForByte(String command) {
        // given three replicas connected at 1, 2 and 3 s, not yet rebuilt
        Path socket = start(Captures.STOCK_BUILD, stock());
        clock.advance(Duration.ofSeconds(7));

        String reply = ControlClient.converse(socket, command + "\nQUIT\n");

        assertThat(reply).isEqualTo(IstgtFixtures.text("01-degraded-" + command + ".raw"));
    }

    @Test
    void shouldEqualEveryConnectionOfTheMiscCaptureByteForByte() {
        // given the released istgt with three degraded replicas and no traffic
        Path socket = start(Captures.STOCK_BUILD, stock());
        clock.advance(Duration.ofSeconds(7));

        for (Map.Entry<String, String> capture : IstgtFixtures.miscCommands().entrySet()) {
            // when
            String reply = ControlClient.converse(socket, capture.getKey() + "\nQUIT\n");

            // then
            assertThat(reply).as("reply to %s", capture.getKey()).isEqualTo(capture.getValue());
        }
    }

    @Test
    void shouldEqualTheDeepVisibilityCaptureBeforeIoByteForByte() {
        // given the deep-visibility build six seconds after start
        Path socket = start(Captures.PR263_BUILD, SimConfig.builder().ioRate(0));
        clock.advance(Duration.ofSeconds(6));

        String reply = ControlClient.converse(socket, "ISTGTSTATUS\nQUIT\n");

        assertThat(reply).isEqualTo(IstgtFixtures.text("pr263-01-ISTGTSTATUS-before-io.raw"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"IOSTATS", "STATS", "INFO"})
    void shouldMatchTheAfterIoCapturesOnceValuesAreMasked(String command) {
        // given Read10/Write10 traffic: 1280 commands, 512 reads and 768 writes, and initiator sessions
        Path socket = start(Captures.STOCK_BUILD, stock().ioMix(IoMix.parse("read10=2,write10=3")));
        runTheCapturedTraffic();
        if (command.equals("INFO")) {
            for (String tool : new String[] {"iscsi-ls", "iscsi-inq", "iscsi-readcapacity16", "iscsi-test",
                    "iscsi-test", "iscsi-test", "iscsi-test"}) {
                istgt.apply(new SimEvent.Login("vol1", 1, "iqn.2007-10.com.github:sahlberg:libiscsi:" + tool));
            }
        } else {
            istgt.apply("vol1 login 8");
            istgt.apply("vol1 logout 7");
            istgt.apply("vol1 discovery 1");
        }

        String reply = ControlClient.converse(socket, command + "\nQUIT\n");

        assertThat(Captures.mask(reply)).isEqualTo(Captures.mask(IstgtFixtures.text("05-after-io-" + command + ".raw")));
    }

    @Test
    void shouldMatchTheAfterIoIostatsExactlyInItsCounters() {
        Path socket = start(Captures.STOCK_BUILD, stock().ioMix(IoMix.parse("read10=2,write10=3")));
        runTheCapturedTraffic();

        String reply = ControlClient.converse(socket, "IOSTATS\nQUIT\n");

        assertThat(reply).contains("\"WriteIOPS\": \"768\", \"ReadIOPS\": \"512\"", "\"UpTime\": \"11\"",
                "\"RevisionCounter\": \"1050856\"", "\"Status\": \"Degraded\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IOSTATS", "REPLICA"})
    void shouldMatchTheHealthyCapturesOnceValuesAreMasked(String command) {
        // given two replicas rebuilt and 6161 still failing its rebuilds, 76 s after start
        Path socket = start(Captures.STOCK_BUILD, stock().ioMix(IoMix.parse("read10=2,write10=3")));
        istgt.apply("vol1 rebuild-fail 6161 5");
        runTheCapturedTraffic();
        clock.advance(Duration.ofSeconds(65));

        String reply = ControlClient.converse(socket, command + "\nQUIT\n");

        assertThat(Captures.mask(reply)).isEqualTo(Captures.mask(IstgtFixtures.text("06-healthy-" + command + ".raw")));
        assertThat(reply).containsAnyOf("\"Status\": \"Healthy\"", "\"status\":\"Healthy\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pr263-03-IOSTATS-after-io.raw", "pr263-03-ISTGTSTATUS-after-io.raw"})
    void shouldMatchTheDeepVisibilityCapturesAfterIoOnceValuesAreMasked(String capture) {
        Path socket = start(Captures.PR263_BUILD, SimConfig.builder().ioRate(0)
                .ioMix(IoMix.parse("read10=1,read16=18,write10=2")));
        istgt.apply("vol1 rebuild-fail 6161 5");
        runTheCapturedTraffic();
        istgt.apply("vol1 login-storm 5");
        istgt.apply("vol1 snapshot 1");
        clock.advance(Duration.ofSeconds(64));

        String command = capture.contains("ISTGTSTATUS") ? "ISTGTSTATUS" : "IOSTATS";
        String reply = ControlClient.converse(socket, command + "\nQUIT\n");

        assertThat(Captures.mask(reply)).isEqualTo(Captures.mask(IstgtFixtures.text(capture)));
    }

    // Replicas connect at 1, 2, 3 s; 160 commands/s from 3 s to 11 s make the capture's 1280.
    private void runTheCapturedTraffic() {
        clock.advance(Duration.ofSeconds(3));
        istgt.apply("vol1 io-rate 160");
        clock.advance(Duration.ofSeconds(8));
        istgt.apply("vol1 io-rate 0");
    }
}
