package io.istgt.telemetry.sim;

import io.istgt.telemetry.sim.model.IoMix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** STATS as istgt prints it: ten entries in istgt's table order, padded or cut, 32-bit counts. */
class StatsOnTheWireTest {

    private static final Pattern ENTRY = Pattern.compile("([0-9a-f]+):(\\d+) (\\d+)");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T01:27:33Z"));
    @RegisterExtension
    final IstgtUnderTest istgt = new IstgtUnderTest(clock);

    @Test
    void shouldListTheSameTenScsiOpcodesAsTheRealIstgtAfterTheSameTraffic() {
        // given the capture's traffic: 15 short sessions with their housekeeping commands, then 3846 commands
        // of READ(6/10/12/16), WRITE(10/12/16) and SYNCHRONIZE CACHE(10): 16 opcodes, 14 of them in the capture
        // (its initiators sent no REPORT LUNS nor MAINTENANCE IN)
        Path socket = istgt.start(dir, SimConfig.builder().stock(true).ioRate(0).ioMix(IoMix.parse(
                "read6=510,read10=512,read12=512,read16=512,write10=768,write12=512,write16=512,sync10=8")));
        istgt.apply("vol1 login-storm 15");
        for (String housekeeping : List.of("00 15", "12 32", "1a 8", "25 8", "5e 15", "9e 8")) {
            istgt.apply("vol1 scsi " + housekeeping);
        }
        istgt.apply("vol1 io-rate 3846");
        clock.advance(Duration.ofSeconds(1));
        istgt.apply("vol1 io-rate 0");

        // when
        List<String> lines = Replies.lines(ControlClient.converse(socket, "STATS\nQUIT\n"));

        // then the SCSI line is the capture's, byte for byte: 14 counted, the first ten in istgt's table order
        // listed, SYNCHRONIZE CACHE(10), READ(12), WRITE(12) and READ CAPACITY(16) cut
        String capture = Captures.own("11-stats-more-than-ten-opcodes.raw");
        assertThat(lines.get(2)).isEqualTo(line(capture, "STATS SCSI:"))
                .isEqualTo("STATS SCSI:14 [0:15 15, 8:510 510, 12:32 32, 1a:8 8, 25:8 8, 28:512 512, 2a:768 768,"
                        + " 5e:15 15, 88:512 512, 8a:512 512]");
        // and the PDU line lists the same opcodes in the same order, padded to ten; the emulator's writes carry
        // their data as immediate data, so the capture's Data-Out (5) and R2T (31) PDUs of large writes are absent
        assertThat(opcodes(lines.get(1))).containsExactly("1", "3", "6", "21", "23", "25", "26", "0", "0", "0");
        assertThat(opcodes(line(capture, "STATS  PDU:"))).containsSubsequence("1", "3", "6", "21", "23", "25", "26")
                .contains("5", "31");
        assertThat(lines.get(1)).startsWith("STATS  PDU:7 [1:3932 0, 3:15 0, 6:15 0, 21:0 ")
                .endsWith(", 23:0 15, 25:0 2117, 26:0 15, 0:0 0, 0:0 0, 0:0 0]");
        assertThat(lines.get(3)).isEqualTo("OK STATS");
    }

    @Test
    void shouldPadFewerThanTenOpcodesWithZeroEntries() {
        Path socket = istgt.start(dir, SimConfig.builder().stock(true).ioRate(0).ioMix(IoMix.parse("read10=1,write10=1")));
        istgt.apply("vol1 io-rate 10");
        clock.advance(Duration.ofSeconds(1));

        List<String> lines = Replies.lines(ControlClient.converse(socket, "STATS\nQUIT\n"));

        assertThat(lines.get(1)).isEqualTo("STATS  PDU:3 [1:10 0, 21:0 5, 25:0 5, 0:0 0, 0:0 0, 0:0 0, 0:0 0,"
                + " 0:0 0, 0:0 0, 0:0 0]");
        assertThat(lines.get(2)).isEqualTo("STATS SCSI:2 [28:5 5, 2a:5 5, 0:0 0, 0:0 0, 0:0 0, 0:0 0, 0:0 0,"
                + " 0:0 0, 0:0 0, 0:0 0]");
    }

    @Test
    void shouldListMoreThanTenInTableOrderNotOpcodeOrder() {
        // READ(12) has a lower opcode than SYNCHRONIZE CACHE(16) but a later slot; WRITE(16) an earlier one
        Path socket = istgt.start(dir, SimConfig.builder().ioRate(0).ioMix(IoMix.parse(
                "read6=1,read10=1,read12=1,read16=1,write6=1,write10=1,write12=1,write16=1,sync10=1,sync16=1")));
        istgt.apply("vol1 scsi 0x12 2");
        istgt.apply("vol1 scsi 0");
        istgt.apply("vol1 io-rate 10");
        clock.advance(Duration.ofSeconds(1));

        List<String> lines = Replies.lines(ControlClient.converse(socket, "STATS\nQUIT\n"));

        assertThat(lines.get(2)).startsWith("STATS SCSI:12 [");
        assertThat(opcodes(lines.get(2))).containsExactly("0", "8", "a", "12", "28", "2a", "88", "8a", "35", "91");
    }

    @Test
    void shouldWrapCountsAt2To32AndDiffThemAsIstgtDoes() {
        Path socket = istgt.start(dir, SimConfig.builder().ioRate(0).ioMix(IoMix.parse("read10=1")));
        istgt.apply("vol1 io-rate 10000000");
        clock.advance(Duration.ofSeconds(400));

        // 4e9 READ(10) so far: below 2^32
        assertThat(entries(Replies.lines(ControlClient.converse(socket, "STATS\nQUIT\n")).get(2)))
                .containsExactly("28:4000000000 4000000000");

        clock.advance(Duration.ofSeconds(100));
        List<String> lines = Replies.lines(ControlClient.converse(socket, "STATS 1\nSTATS\nQUIT\n"));

        // 5e9 in all: the uint32 counter shows 5e9 - 2^32; STATS 1 computes (0xffffffff - last) + now, one less
        // than the 1e9 commands done since
        assertThat(entries(lines.get(2))).containsExactly("28:999999999 999999999");
        assertThat(entries(lines.get(5))).containsExactly("28:705032704 705032704");
        assertThat(lines.get(4)).startsWith("STATS  PDU:2 [1:705032704 0, 25:0 705032704, 0:0 0");
    }

    @Test
    void shouldRefuseScsiEventsForIoOrUncountedOpcodes() {
        istgt.start(dir, SimConfig.builder());

        assertThatThrownBy(() -> istgt.apply("vol1 scsi 28 5")).hasMessageContaining("read10")
                .hasMessageContaining("--io-mix");
        assertThatThrownBy(() -> istgt.apply("vol1 scsi 0x4d")).hasMessageContaining("no STATS counter");
        assertThatThrownBy(() -> istgt.apply("vol1 scsi 1ff")).hasMessageContaining("not a SCSI opcode");
    }

    private static String line(String conversation, String prefix) {
        return Replies.lines(conversation).stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    private static List<String> entries(String statsLine) {
        List<String> result = new java.util.ArrayList<>();
        Matcher m = ENTRY.matcher(statsLine.substring(statsLine.indexOf('[')));
        while (m.find()) {
            if (!m.group().equals("0:0 0")) {
                result.add(m.group());
            }
        }
        return result;
    }

    private static List<String> opcodes(String statsLine) {
        List<String> result = new java.util.ArrayList<>();
        Matcher m = ENTRY.matcher(statsLine.substring(statsLine.indexOf('[')));
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }
}
