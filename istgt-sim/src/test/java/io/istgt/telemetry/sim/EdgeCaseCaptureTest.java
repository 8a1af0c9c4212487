package io.istgt.telemetry.sim;

import io.istgt.telemetry.testsupport.IstgtFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 09-protocol-edge-cases.txt: annotated captures ({@code == title} lines) stored with LF line ends, some lines
 * cut short by the annotator. The emulator's reply, with CRLF turned into LF, must match line by line; a cut
 * captured line must be a prefix of the emulator's line.
 */
class EdgeCaseCaptureTest {

    @TempDir
    Path dir;

    private EmulatedIstgt istgt;
    private Map<String, List<String>> sections;

    @BeforeEach
    void start() {
        // the edge-case capture comes from a build stamped 20:21:39
        ManualClock clock = new ManualClock(java.time.Instant.parse("2026-11-23T20:21:39Z"));
        istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"),
                SimConfig.builder().stock(true).ioRate(0).clock(clock).build());
        clock.advance(Duration.ofSeconds(4));
        sections = sections(IstgtFixtures.text("09-protocol-edge-cases.txt"));
    }

    @AfterEach
    void stop() {
        istgt.close();
    }

    @Test
    void shouldAnswerLfOnlyLowercaseQuotedRequestsLikeIstgt() {
        String reply = ControlClient.converse(istgt.socketPath(), "replica \"vol1\"\nquit\n");

        assertMatches(reply, sections.get("LF-only + lowercase + quoted arg"));
    }

    @Test
    void shouldAnswerAnEmptyLineWithUnknownCommandAndCarryOn() {
        String reply = ControlClient.converse(istgt.socketPath(), "\nNOOP\nQUIT\n");

        assertMatches(reply, sections.get("empty line"));
    }

    @Test
    void shouldAnswerAndCloseWhenTheClientHalfClosesWithoutQuit() {
        try (ControlClient client = ControlClient.connect(istgt.socketPath())) {
            client.send("IOSTATS\n");
            client.shutdownOutput();

            assertMatches(client.readToEnd(), sections.get("no QUIT, client half-close (maya-exporter style)"));
        }
    }

    @Test
    void shouldRejectStatusWithTooManyArguments() {
        String reply = ControlClient.converse(istgt.socketPath(), "STATUS iqn.2016-09.com.openebs.cstor:vol1 0 x\nQUIT\n");

        assertMatches(reply, sections.get("STATUS with bad args"));
    }

    @Test
    void shouldAnswerMaxIoWait() {
        String reply = ControlClient.converse(istgt.socketPath(), "MAXIOWAIT 120\nQUIT\n");

        assertMatches(reply, sections.get("MAXIOWAIT set"));
    }

    private static void assertMatches(String reply, List<String> captured) {
        assertThat(captured).as("section of 09-protocol-edge-cases.txt").isNotNull();
        List<String> got = List.of(Captures.mask(reply).replace("\r\n", "\n").split("\n", -1));
        List<String> expected = captured.stream().map(Captures::mask).toList();
        assertThat(got.subList(0, got.size() - 1)).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(got.get(i)).as("line %d", i + 1).startsWith(expected.get(i));
        }
    }

    private static Map<String, List<String>> sections(String text) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("== ")) {
                current = new ArrayList<>();
                result.put(line.substring(3).strip(), current);
            } else if (current != null && !line.startsWith("server closed idle")) {
                current.add(line);
            }
        }
        return result;
    }
}
