package io.istgt.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyLineTest {

    @Test
    void shouldReadTwoSpaceDataLineAsPayloadWithoutLeadingSpaces() {
        assertThat(ReplyLine.parse("IOSTATS  { \"iqn\": \"x\" }", "IOSTATS"))
                .isEqualTo(new ReplyLine.Data("IOSTATS", "{ \"iqn\": \"x\" }"));
    }

    @Test
    void shouldReadOneSpaceDataLine() {
        assertThat(ReplyLine.parse("STATUS Running:NORMAL MODE OF OPERATION", "STATUS"))
                .isEqualTo(new ReplyLine.Data("STATUS", "Running:NORMAL MODE OF OPERATION"));
    }

    @Test
    void shouldReadOkAndErr() {
        assertThat(ReplyLine.parse("OK IOSTATS", "IOSTATS")).isEqualTo(new ReplyLine.Ok("IOSTATS"));
        assertThat(ReplyLine.parse("ERR unknown command", "ISTGTSTATUS"))
                .isEqualTo(new ReplyLine.Err("unknown command"));
    }

    @Test
    void shouldNormaliseCommandWordCaseToTheExpectedOne() {
        assertThat(ReplyLine.parse("iostats  {}", "IOSTATS")).isEqualTo(new ReplyLine.Data("IOSTATS", "{}"));
    }

    @Test
    void shouldFormatDataLinesWithIstgtsSeparators() {
        assertThat(ControlCommand.IOSTATS.dataLine("{}", 0)).isEqualTo("IOSTATS  {}");
        assertThat(ControlCommand.STATUS.dataLine("x", 0)).isEqualTo("STATUS x");
        assertThat(ControlCommand.STATS.dataLine("PDU:9 []", 0)).isEqualTo("STATS  PDU:9 []");
        assertThat(ControlCommand.STATS.dataLine("SCSI:10 []", 1)).isEqualTo("STATS SCSI:10 []");
    }

    @Test
    void shouldFormatTheGreetingWithEmptyUnixAddresses() {
        assertThat(ControlProtocol.greeting("20:23:24:Nov 23 2026"))
                .isEqualTo("iSCSI Target Controller version istgt:0.5.20121028:20:23:24:Nov 23 2026 on  from \r\n");
    }

    @Test
    void shouldClassifyBytesAsTheDecodedLine() {
        List<String> lines = List.of("IOSTATS  { \"iqn\": \"x\" }", "STATUS Running:NORMAL MODE OF OPERATION",
                "OK IOSTATS", "OK iostats", "OK IOSTATS extra", "OK ", "OK", "ERR unknown command", "ERR", "ERR ",
                "ERRx", "iostats  {}", "IOSTATS", "IOSTATS ", "", " ", "  {}", "MEMPOOL {\"a\": \"\u00e9\u20ac\"}",
                "IOSTATS \u00ff\ud83d\ude00", "ERR n\u00e4", "OK \u00c4");
        for (String line : lines) {
            byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
            byte[] padded = new byte[utf8.length + 6];
            System.arraycopy(utf8, 0, padded, 3, utf8.length);
            assertThat(ReplyLine.parse(padded, 3, 3 + utf8.length, "IOSTATS")).as(line)
                    .isEqualTo(ReplyLine.parse(line, "IOSTATS"));
        }
    }

    @Test
    void shouldClassifyMalformedUtf8AsItsDecodedLine() {
        byte[][] lines = {
            {'I', 'O', 'S', 'T', 'A', 'T', 'S', ' ', (byte) 0xe2, (byte) 0x82, ' ', '{', '}'},
            {(byte) 0xc3, ' ', 'x'},
            {'E', 'R', 'R', ' ', (byte) 0xff},
        };
        for (byte[] line : lines) {
            assertThat(ReplyLine.parse(line, 0, line.length, "IOSTATS"))
                    .isEqualTo(ReplyLine.parse(new String(line, StandardCharsets.UTF_8), "IOSTATS"));
        }
    }
}
