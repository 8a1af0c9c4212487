package io.istgt.telemetry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IoCounters;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.OpcodeCount;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.ManualClock;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.model.IoMix;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * STATS as a poll reads it: istgt lists ten entries, padded with {@code 0:0 0} below ten counted opcodes and cut
 * above; the listed ones are data, the padding is nothing, the cut ones are unknown and the poll says so.
 */
class StatsPollTest {

    private static final Instant NOW = Instant.parse("2026-12-07T01:27:40Z");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(NOW.minusSeconds(7));
    private FakeIstgt fake;
    private EmulatedIstgt istgt;
    private TargetSession session;

    @AfterEach
    void stop() throws Exception {
        if (session != null) {
            session.close();
        }
        if (fake != null) {
            fake.close();
        }
        if (istgt != null) {
            istgt.close();
        }
    }

    @Test
    void shouldListTheTenScsiOpcodesOfTheRealCaptureAndReportTheFourCut() throws Exception {
        Map<String, String> replies = new HashMap<>(IstgtReplies.stockReplies());
        replies.put("STATS", OwnCaptures.reply(OwnCaptures.STATS_MORE_THAN_TEN, "STATS"));
        replies.put("IOSTATS", OwnCaptures.reply(OwnCaptures.STATS_MORE_THAN_TEN, "IOSTATS"));
        fake = FakeIstgt.start(dir.resolve("istgt.sock"), replies);
        session = new TargetSession(fake.path(), ClientSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

        IstgtSnapshot s = session.poll();

        IoCounters io = s.io();
        assertThat(io.scsiOpcodesCounted()).isEqualTo(14);
        assertThat(io.scsiOpcodes()).hasSize(10).extracting(OpcodeCount::opcode)
                .containsExactly(0x00, 0x08, 0x12, 0x1a, 0x25, 0x28, 0x2a, 0x5e, 0x88, 0x8a);
        assertThat(io.pdusCounted()).isEqualTo(9);
        assertThat(io.pdus()).hasSize(9).extracting(OpcodeCount::opcode).doesNotContain(0x00);
        // IOSTATS counted 1792 writes: 768 WRITE(10) and 512 WRITE(16) listed, WRITE(12)'s 512 among the cut
        assertThat(s.volumes().getFirst().target().io().writeOps()).isEqualTo(1792L);
        assertThat(io.scsiFinished(0x2a)).isEqualTo(768L);
        assertThat(io.scsiFinished(0x8a)).isEqualTo(512L);
        assertThat(io.scsiFinished(0x00)).isEqualTo(15L);
        assertThat(io.scsiFinished(0xaa)).isNull();
        assertThat(io.scsiFinished(0xa8)).isNull();
        assertThat(io.scsiFinished(0x35)).isNull();
        assertThat(s.partialFailures()).containsExactly(new PartialFailure("STATS", ErrorKind.INCOMPLETE_REPLY,
                "STATS listed 10 of 14 SCSI opcodes; the others are unknown (socket " + fake.path()
                        + ", command STATS)", null));
        assertThat(s.warnings()).containsExactly("STATS listed 10 of 14 SCSI opcodes; the others are unknown");
    }

    @Test
    void shouldMakeTheSameSnapshotOfTheCaptureWithoutASocket() throws Exception {
        IstgtSnapshot s = new CapturedPoll("/run/istgt.sock", NOW, "v", Map.of(
                ControlCommand.STATS, OwnCaptures.payloads(OwnCaptures.STATS_MORE_THAN_TEN, "STATS"),
                ControlCommand.IOSTATS, OwnCaptures.payloads(OwnCaptures.STATS_MORE_THAN_TEN, "IOSTATS"))).snapshot();

        assertThat(s.io().scsiOpcodes()).hasSize(10);
        assertThat(s.io().scsiFinished(0xaa)).isNull();
        assertThat(s.partialFailures()).extracting(PartialFailure::message)
                .containsExactly("STATS listed 10 of 14 SCSI opcodes; the others are unknown (socket /run/istgt.sock,"
                        + " command STATS)");
    }

    @Test
    void shouldReadTheEmulatorsStatsAfterTheCapturesTrafficAsTheCaptureItself() throws Exception {
        // the capture's traffic (istgt-sim's StatsOnTheWireTest): 15 short sessions with their housekeeping
        // commands, then 3846 commands of READ(6/10/12/16), WRITE(10/12/16) and SYNCHRONIZE CACHE(10)
        startEmulator("read6=510,read10=512,read12=512,read16=512,write10=768,write12=512,write16=512,sync10=8");
        istgt.apply("vol1 login-storm 15");
        for (String housekeeping : List.of("00 15", "12 32", "1a 8", "25 8", "5e 15", "9e 8")) {
            istgt.apply("vol1 scsi " + housekeeping);
        }
        istgt.apply("vol1 io-rate 3846");
        clock.advance(Duration.ofSeconds(1));
        istgt.apply("vol1 io-rate 0");

        IstgtSnapshot s = session.poll();

        IoCounters io = s.io();
        assertThat(io.scsiOpcodesCounted()).isEqualTo(14);
        assertThat(io.scsiOpcodes()).containsExactly(
                new OpcodeCount(0x00, 15, 15), new OpcodeCount(0x08, 510, 510), new OpcodeCount(0x12, 32, 32),
                new OpcodeCount(0x1a, 8, 8), new OpcodeCount(0x25, 8, 8), new OpcodeCount(0x28, 512, 512),
                new OpcodeCount(0x2a, 768, 768), new OpcodeCount(0x5e, 15, 15), new OpcodeCount(0x88, 512, 512),
                new OpcodeCount(0x8a, 512, 512));
        assertThat(io.scsiFinished(0xaa)).isNull();
        assertThat(io.scsiFinished(0x35)).isNull();
        assertThat(io.pdusCounted()).isEqualTo(7);
        assertThat(io.pdus()).hasSize(7).extracting(OpcodeCount::opcode).doesNotContain(0x00);
        assertThat(s.partialFailures()).extracting(PartialFailure::command, PartialFailure::kind)
                .containsExactly(tuple("STATS", ErrorKind.INCOMPLETE_REPLY));
        assertThat(s.warnings()).contains("STATS listed 10 of 14 SCSI opcodes; the others are unknown");
    }

    @Test
    void shouldMakeNoOpcodeOfTheEmulatorsPadding() throws Exception {
        startEmulator("read10=1,write10=1");
        istgt.apply("vol1 io-rate 10");
        clock.advance(Duration.ofSeconds(1));

        IstgtSnapshot s = session.poll();

        // STATS  PDU:3 [1:10 0, 21:0 5, 25:0 5, 0:0 0 x7] and STATS SCSI:2 [28:5 5, 2a:5 5, 0:0 0 x8]
        IoCounters io = s.io();
        assertThat(io.pdus()).containsExactly(new OpcodeCount(0x01, 10, 0), new OpcodeCount(0x21, 0, 5),
                new OpcodeCount(0x25, 0, 5));
        assertThat(io.scsiOpcodes()).containsExactly(new OpcodeCount(0x28, 5, 5), new OpcodeCount(0x2a, 5, 5));
        assertThat(io.scsiOpcodesCounted()).isEqualTo(2);
        // every counted opcode is listed: one not listed is a true zero
        assertThat(io.scsiFinished(0x00)).isZero();
        assertThat(io.scsiFinished(0xaa)).isZero();
        assertThat(io.scsiFinished(0x28)).isEqualTo(5L);
        assertThat(s.partialFailures()).isEmpty();
    }

    private void startEmulator(String ioMix) {
        istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().stock(true).ioRate(0)
                .ioMix(IoMix.parse(ioMix)).clock(clock).build());
        clock.advance(Duration.ofSeconds(7)); // replicas connected at 1, 2, 3 s: the volume serves IO
        session = new TargetSession(istgt.socketPath(), ClientSettings.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
