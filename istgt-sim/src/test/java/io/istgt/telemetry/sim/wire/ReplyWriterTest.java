package io.istgt.telemetry.sim.wire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyWriterTest {

    @Test
    void shouldEndEveryLineWithCrlf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean whole = new ReplyWriter(out).writeLine("OK NOOP");

        assertThat(whole).isTrue();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("OK NOOP\r\n");
    }

    @Test
    void shouldCutALongLineAt4095BytesAndStillEndItWithCrlf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String line = "ISTGTSTATUS  " + "x".repeat(5000);

        boolean whole = new ReplyWriter(out).writeLine(line);

        assertThat(whole).isFalse();
        byte[] sent = out.toByteArray();
        assertThat(sent).hasSize(4097);
        assertThat(new String(sent, StandardCharsets.ISO_8859_1)).isEqualTo(line.substring(0, 4095) + "\r\n");
    }

    @Test
    void shouldSendALineOfExactly4094BytesWhole() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean whole = new ReplyWriter(out).writeLine("y".repeat(4094));

        assertThat(whole).isTrue();
        assertThat(out.size()).isEqualTo(4096);
    }

    @Test
    void shouldTurnALoneCarriageReturnIntoCrlf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ReplyWriter(out).writeLine("a\rb");

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("a\r\nb\r\n");
    }
}
