package io.istgt.telemetry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(String bytes) {
        return new LineReader(new ByteArrayInputStream(bytes.getBytes(StandardCharsets.UTF_8)), ms -> { },
                ClientSettings.defaults(), "/run/istgt.sock");
    }

    private static long later() {
        return System.nanoTime() + 5_000_000_000L;
    }

    @Test
    void shouldSplitCrlfAndLfLinesAndEndAtEndOfStream() throws Exception {
        LineReader r = reader("OK NOOP\r\nSTATUS x\n\r\nlast\r\n");

        assertThat(r.readLine("X", later(), 4096)).isEqualTo("OK NOOP");
        assertThat(r.readLine("X", later(), 4096)).isEqualTo("STATUS x");
        assertThat(r.readLine("X", later(), 4096)).isEmpty();
        assertThat(r.readLine("X", later(), 4096)).isEqualTo("last");
        assertThat(r.readLine("X", later(), 4096)).isNull();
    }

    @Test
    void shouldAcceptALineOfExactlyTheCapAndRejectOneByteMore() throws Exception {
        String atCap = "a".repeat(4096);
        LineReader r = reader(atCap + "\r\n" + atCap + "b\r\n");

        assertThat(r.readLine("IOSTATS", later(), 4096)).isEqualTo(atCap);
        assertThatThrownBy(() -> r.readLine("IOSTATS", later(), 4096))
                .isInstanceOfSatisfying(IstgtControlException.class,
                        e -> assertThat(e.kind()).isEqualTo(ErrorKind.LINE_TOO_LONG))
                .hasMessage("a reply line is longer than 4096 bytes (istgt's lines are at most 4096): stopped reading it "
                        + "(socket /run/istgt.sock, command IOSTATS)");
    }

    @Test
    void shouldFailAtOnceWhenTheDeadlineHasPassed() {
        LineReader r = reader("never read\r\n");

        assertThatThrownBy(() -> r.readLine("STATS", System.nanoTime() - 1, 4096))
                .isInstanceOfSatisfying(IstgtControlException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT))
                .hasMessage("request deadline of 5s passed before the reply was complete (socket /run/istgt.sock, "
                        + "command STATS)");
    }
}
