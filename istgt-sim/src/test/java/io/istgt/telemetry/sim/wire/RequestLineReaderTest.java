package io.istgt.telemetry.sim.wire;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLineReaderTest {

    private static RequestLineReader reader(String text) {
        return new RequestLineReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String line(RequestLineReader.Result r) {
        assertThat(r).isInstanceOf(RequestLineReader.Result.Line.class);
        return new String(((RequestLineReader.Result.Line) r).bytes(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldSplitOnLfCrlfAndLoneCr() {
        RequestLineReader r = reader("A\nB\r\nC\rD");

        assertThat(line(r.read())).isEqualTo("A");
        assertThat(line(r.read())).isEqualTo("B");
        assertThat(line(r.read())).isEqualTo("C");
        assertThat(line(r.read())).isEqualTo("D");
        assertThat(r.read()).isInstanceOf(RequestLineReader.Result.EndOfStream.class);
    }

    @Test
    void shouldSplitALongLineInto4094ByteRequests() {
        RequestLineReader r = reader("x".repeat(5000) + "\n");

        assertThat(line(r.read())).hasSize(4094);
        assertThat(line(r.read())).hasSize(906);
    }
}
