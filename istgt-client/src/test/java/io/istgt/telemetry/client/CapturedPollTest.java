package io.istgt.telemetry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.testsupport.FakeIstgt;
import io.istgt.telemetry.testsupport.IstgtReplies;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturedPollTest {

    private static final Instant NOW = Instant.parse("2026-11-23T20:40:00Z");

    @TempDir
    Path dir;

    private static Map<ControlCommand, List<String>> payloads(Map<String, String> replies) {
        Map<ControlCommand, List<String>> payloads = new EnumMap<>(ControlCommand.class);
        replies.forEach((command, reply) -> payloads.put(ControlCommand.valueOf(command), IstgtReplies.payloads(reply)));
        return payloads;
    }

    @Test
    void shouldMakeTheSnapshotAPollOfTheSameRepliesMakes() throws Exception {
        for (Map<String, String> replies : List.of(IstgtReplies.deepReplies(), IstgtReplies.stockReplies())) {
            IstgtSnapshot polled;
            try (FakeIstgt fake = FakeIstgt.start(dir.resolve("istgt.sock"), replies);
                 TargetSession session = new TargetSession(fake.path(), ClientSettings.defaults(),
                         Clock.fixed(NOW, ZoneOffset.UTC))) {
                polled = session.poll();
            }
            IstgtSnapshot replayed = new CapturedPoll(polled.socketPath(), NOW, polled.istgtVersion(),
                    payloads(replies)).snapshot();

            assertThat(replayed).isEqualTo(polled);
        }
    }

    @Test
    void shouldFailOnAMalformedReplyAsAPollDoes() {
        Map<ControlCommand, List<String>> replies = payloads(IstgtReplies.deepReplies());
        replies.put(ControlCommand.MAXIOWAIT, List.of("soon"));

        assertThatThrownBy(() -> new CapturedPoll("/run/istgt.sock", NOW, "v", replies).snapshot())
                .isInstanceOfSatisfying(IstgtControlException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.PROTOCOL_ERROR);
                    assertThat(e.command()).contains("MAXIOWAIT");
                });
    }

    @Test
    void shouldNeedIostats() {
        assertThatThrownBy(() -> new CapturedPoll("/run/istgt.sock", NOW, "v",
                Map.of(ControlCommand.STATUS, List.of("Running:NORMAL MODE OF OPERATION"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IOSTATS");
    }
}
