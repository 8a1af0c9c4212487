package io.istgt.telemetry.client.reply;

import static io.istgt.telemetry.testsupport.IstgtReplies.payloads;
import static io.istgt.telemetry.testsupport.IstgtReplies.reply;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.client.snapshot.OpcodeCount;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link StatsScanner} against {@link StatsParser}'s regular expressions, which define what a STATS line means:
 * whatever the scanner takes, the expressions take too, with the same entries in the same order; whatever the
 * expressions refuse, the scanner leaves to them.
 */
class StatsScannerTest {

    @Test
    void shouldTakeTheCapturedLinesWithTheExpressionsEntries() throws Exception {
        for (String line : payloads(reply("05-after-io-STATS.raw"))) {
            assertThat(agrees(line)).as(line).isTrue();
        }
    }

    @Test
    void shouldTakeIstgtsShapes() throws Exception {
        for (String line : List.of("PDU:0 SCSI:0", "PDU:9 [1:1313 0, 3:8 0]", "SCSI:2 [ 2a:768 768 ,A0:1 1 ]",
                "PDU:1 []", "PDU:1 [ \t]", "PDU:1[0:0 0]SCSI:1[ff:1 1]", "  SCSI:3  ", "PDU:1SCSI:2",
                "SCSI:1 [0:999999999999999999 1]")) {
            assertThat(agrees(line)).as(line).isTrue();
        }
    }

    @Test
    void shouldLeaveEveryOtherShapeToTheExpressions() throws Exception {
        // Accepted by the expressions but not by the scanner (a 19-digit count, a trailing comma, other white
        // space), or refused by both: either way the expressions decide.
        for (String line : List.of("", " ", "hello", "PDU:", "PDU:x", "PDU:1 [", "PDU:1 [1:2 3", "PDU:1 [1:2  3]",
                "PDU:1 [1:2 3,]", "PDU:1 [,1:2 3]", "PDU:1 [1:2 3,,]", "PDU:1 [abc:1 2]", "PDU:1 [1:2]",
                "PDU:1 [1:9223372036854775807 0]", "PDU:1 [1:9999999999999999999 0]", "PDU:1 [1:2 3] x",
                "PDU:1\u2003[1:2 3]", "PDU:1 [\u20031:2 3]", "pdu:1", "PDU:1 [1:2 3]]", "PDU:1 [\uff11:2 3]")) {
            assertThat(decline(line)).as(line).isTrue();
        }
    }

    @Test
    void shouldAgreeWithTheExpressionsOnRandomLines() throws Exception {
        // Lines in istgt's shape, half of them then damaged at one to three places: both sides of the border.
        String[] damage = {"", " ", "\t", "\u2003", "[", "]", ",", ":", "x", "F", "9999999999999999999", "PDU:",
                "SCSI:", "  "};
        Random random = new Random(42);
        int taken = 0;
        int declined = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder line = new StringBuilder(istgtShape(random));
            if (random.nextBoolean()) {
                for (int d = 1 + random.nextInt(3); d > 0; d--) {
                    int at = random.nextInt(line.length() + 1);
                    int cut = Math.min(line.length() - at, random.nextInt(3));
                    line.replace(at, at + cut, damage[random.nextInt(damage.length)]);
                }
            }
            if (agrees(line.toString())) {
                taken++;
            } else {
                declined++;
            }
        }
        // The generator must reach both the scanner's accepting and its declining paths, or this proves nothing.
        assertThat(taken).isGreaterThan(40_000);
        assertThat(declined).isGreaterThan(20_000);
    }

    private static String istgtShape(Random random) {
        StringBuilder line = new StringBuilder();
        for (int s = 1 + random.nextInt(2); s > 0; s--) {
            line.append(random.nextBoolean() ? "PDU:" : "SCSI:").append(random.nextInt(20));
            if (random.nextInt(4) > 0) {
                line.append(" [");
                for (int e = random.nextInt(5); e > 0; e--) {
                    line.append(Integer.toHexString(random.nextInt(256))).append(':')
                            .append(random.nextLong(1L << random.nextInt(60))).append(' ')
                            .append(random.nextInt(1000));
                    if (e > 1) {
                        line.append(random.nextBoolean() ? ", " : ",");
                    }
                }
                line.append(']');
            }
            line.append(' ');
        }
        return line.toString();
    }

    /** Checks the two readings of the line against each other; true when the scanner took it. */
    private static boolean agrees(String line) {
        List<OpcodeCount> scannedPdus = new ArrayList<>(List.of(new OpcodeCount(0xee, 1, 1)));
        List<OpcodeCount> scannedScsi = new ArrayList<>();
        boolean taken = StatsScanner.scan(line, scannedPdus, scannedScsi);
        List<OpcodeCount> pdus = new ArrayList<>(List.of(new OpcodeCount(0xee, 1, 1)));
        List<OpcodeCount> scsi = new ArrayList<>();
        MalformedReplyException refused = null;
        try {
            StatsParser.readLine(line, pdus, scsi);
        } catch (MalformedReplyException e) {
            refused = e;
        }
        if (taken) {
            assertThat(refused).as("the expressions refuse '%s', which the scanner took", line).isNull();
            assertThat(scannedPdus).as(line).isEqualTo(pdus);
            assertThat(scannedScsi).as(line).isEqualTo(scsi);
        } else {
            // Declining adds nothing: the expressions then read the line from scratch.
            assertThat(scannedPdus).as(line).containsExactly(new OpcodeCount(0xee, 1, 1));
            assertThat(scannedScsi).as(line).isEmpty();
        }
        return taken;
    }

    private static boolean decline(String line) {
        return !agrees(line);
    }
}
