package io.istgt.telemetry.sim.wire;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTest {

    private static Request parse(String line) {
        return Request.parse(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void shouldUpperCaseTheCommandWord() {
        assertThat(parse("iostats").command()).isEqualTo("IOSTATS");
        assertThat(parse("Replica vol1").command()).isEqualTo("REPLICA");
    }

    @Test
    void shouldSplitOnSpacesAndTabsAndHonourQuotes() {
        Request r = parse("  SNAPCREATE\t\"vol 1\" 'snap\"x'  10 \"a\\\"b\"  ");

        assertThat(r.command()).isEqualTo("SNAPCREATE");
        assertThat(r.args()).containsExactly("vol 1", "snap\"x", "10", "a\"b");
    }

    @Test
    void shouldSeeAnEmptyLineAsAnEmptyCommand() {
        assertThat(parse("").command()).isEmpty();
        assertThat(parse("   ").args()).isEmpty();
    }

    @Test
    void shouldIgnoreEverythingAfterANulByteAsCDoes() {
        assertThat(parse("NOOP\u0000 junk").args()).isEmpty();
    }

    @Test
    void shouldKeepAnEmptyQuotedArgument() {
        assertThat(parse("STATUS \"\"").args()).containsExactly("");
    }
}
