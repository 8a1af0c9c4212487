package io.istgt.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReplyLineTest {

    /** The line's UTF-8 bytes, with bytes around them that are not the line's, classified. */
    private static ReplyLine parse(String line, String expectedCommand) {
        return parse(line.getBytes(StandardCharsets.UTF_8), expectedCommand);
    }

    private static ReplyLine parse(byte[] line, String expectedCommand) {
        byte[] padded = new byte[line.length + 6];
        java.util.Arrays.fill(padded, (byte) ' ');
        System.arraycopy(line, 0, padded, 3, line.length);
        return ReplyLine.parse(padded, 3, 3 + line.length, expectedCommand);
    }

    @Test
    void shouldReadTwoSpaceDataLineAsPayloadWithoutLeadingSpaces() {
        assertThat(parse("IOSTATS  { \"iqn\": \"x\" }", "IOSTATS"))
                .isEqualTo(new ReplyLine.Data("IOSTATS", "{ \"iqn\": \"x\" }"));
    }

    @Test
    void shouldReadOneSpaceDataLine() {
        assertThat(parse("STATUS Running:NORMAL MODE OF OPERATION", "STATUS"))
                .isEqualTo(new ReplyLine.Data("STATUS", "Running:NORMAL MODE OF OPERATION"));
    }

    @Test
    void shouldReadOkAndErr() {
        assertThat(parse("OK IOSTATS", "IOSTATS")).isEqualTo(new ReplyLine.Ok("IOSTATS"));
        assertThat(parse("OK iostats", "IOSTATS")).isEqualTo(new ReplyLine.Ok("iostats"));
        assertThat(parse("ERR unknown command", "ISTGTSTATUS")).isEqualTo(new ReplyLine.Err("unknown command"));
        assertThat(parse("ERR", "IOSTATS")).isEqualTo(new ReplyLine.Err(""));
        assertThat(parse("ERR ", "IOSTATS")).isEqualTo(new ReplyLine.Err(""));
    }

    @Test
    void shouldTakeWhatIsNeitherOkNorErrForData() {
        assertThat(parse("OK IOSTATS extra", "IOSTATS")).isEqualTo(new ReplyLine.Data("OK", "IOSTATS extra"));
        assertThat(parse("OK ", "IOSTATS")).isEqualTo(new ReplyLine.Ok(""));
        assertThat(parse("OK", "IOSTATS")).isEqualTo(new ReplyLine.Data("OK", ""));
        assertThat(parse("ERRx", "IOSTATS")).isEqualTo(new ReplyLine.Data("ERRx", ""));
        assertThat(parse("IOSTATS", "IOSTATS")).isEqualTo(new ReplyLine.Data("IOSTATS", ""));
        assertThat(parse("IOSTATS ", "IOSTATS")).isEqualTo(new ReplyLine.Data("IOSTATS", ""));
        assertThat(parse("", "IOSTATS")).isEqualTo(new ReplyLine.Data("", ""));
        assertThat(parse("  {}", "IOSTATS")).isEqualTo(new ReplyLine.Data("", "{}"));
        assertThat(parse("REPLICA  {}", "IOSTATS")).isEqualTo(new ReplyLine.Data("REPLICA", "{}"));
    }

    @Test
    void shouldNormaliseCommandWordCaseToTheExpectedOne() {
        assertThat(parse("iostats  {}", "IOSTATS")).isEqualTo(new ReplyLine.Data("IOSTATS", "{}"));
    }

    @Test
    void shouldDecodeNonAsciiPartsAsUtf8() {
        assertThat(parse("MEMPOOL {\"a\": \"\u00e9\u20ac\"}", "MEMPOOL"))
                .isEqualTo(new ReplyLine.Data("MEMPOOL", "{\"a\": \"\u00e9\u20ac\"}"));
        assertThat(parse("IOSTATS \u00ff\ud83d\ude00", "IOSTATS"))
                .isEqualTo(new ReplyLine.Data("IOSTATS", "\u00ff\ud83d\ude00"));
        assertThat(parse("ERR n\u00e4", "IOSTATS")).isEqualTo(new ReplyLine.Err("n\u00e4"));
        assertThat(parse("OK \u00c4", "IOSTATS")).isEqualTo(new ReplyLine.Ok("\u00c4"));
        assertThat(parse("\u00c4BC x", "IOSTATS")).isEqualTo(new ReplyLine.Data("\u00c4BC", "x"));
    }

    @Test
    void shouldClassifyMalformedUtf8AsItsDecodedLine() {
        // What decoding the whole line first and then splitting it gives: a space is never part of a bad sequence.
        byte[][] lines = {
            {'I', 'O', 'S', 'T', 'A', 'T', 'S', ' ', (byte) 0xe2, (byte) 0x82, ' ', '{', '}'},
            {(byte) 0xc3, ' ', 'x'},
            {'E', 'R', 'R', ' ', (byte) 0xff},
        };
        ReplyLine[] expected = {
            new ReplyLine.Data("IOSTATS", "\ufffd {}"),
            new ReplyLine.Data("\ufffd", "x"),
            new ReplyLine.Err("\ufffd"),
        };
        for (int i = 0; i < lines.length; i++) {
            String decoded = new String(lines[i], StandardCharsets.UTF_8);
            assertThat(parse(lines[i], "IOSTATS")).as(decoded).isEqualTo(expected[i]);
        }
    }

    @Test
    void shouldRefuseARangeOutsideTheArray() {
        assertThatThrownBy(() -> ReplyLine.parse(new byte[4], 3, 5, "IOSTATS"))
                .isInstanceOf(IndexOutOfBoundsException.class);
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
}
