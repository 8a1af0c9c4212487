package io.istgt.telemetry.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.istgt.telemetry.sim.scenario.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario plays when the clock reaches each step: no thread, no sleep. */
class ScenarioPlaybackTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T20:23:24Z"));
    private EmulatedIstgt istgt;

    @BeforeEach
    void start() {
        istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"), SimConfig.builder().clock(clock).ioRate(0).build());
    }

    @AfterEach
    void stop() {
        istgt.close();
    }

    private JsonNode status() {
        return Replies.single(ControlClient.converse(istgt.socketPath(), "ISTGTSTATUS\nQUIT\n"), "ISTGTSTATUS");
    }

    @Test
    void shouldApplyEachStepWhenItsTimeComes() throws Exception {
        Path file = dir.resolve("flaky.scenario");
        Files.write(file, List.of(
                "+30s vol1 replica-disconnect 6162",
                "+40s vol1 mgmt-errors 6161 2",
                "+50s vol1 replica-connect 6162",
                "+55s vol1 login-storm 20"));
        istgt.run(Scenario.load(file));

        clock.advance(Duration.ofSeconds(29));
        assertThat(status().get("replicas")).hasSize(3);

        clock.advance(Duration.ofSeconds(2));
        assertThat(status().get("replicas")).hasSize(2);

        clock.advance(Duration.ofSeconds(30));
        JsonNode st = status();
        assertThat(st.get("replicas")).hasSize(3);
        assertThat(st.get("errors").get(0).get("mgmtConnErrCnt").asText()).isEqualTo("2");
        assertThat(st.get("errors").get(1).get("restartCount").asText()).isEqualTo("1");
        assertThat(st.get("loginReqCnt").asText()).isEqualTo("20");
    }

    @Test
    void shouldPlayAFaultAndItsEnd() {
        istgt.run(Scenario.parse("faults", List.of("+10s * fault not-initialized", "+20s * fault off")));

        clock.advance(Duration.ofSeconds(15));
        String during = ControlClient.converse(istgt.socketPath(), "IOSTATS\n");
        clock.advance(Duration.ofSeconds(10));
        String after = ControlClient.converse(istgt.socketPath(), "NOOP\nQUIT\n");

        // a fault is switched when the target's state is next looked at, so at the first request after +10s
        assertThat(Replies.lines(during)).hasSize(2);
        assertThat(Replies.lines(after)).contains("OK NOOP");
    }
}
