package io.istgt.telemetry.protocol;

import static org.assertj.core.api.Assertions.assertThat;

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
}
