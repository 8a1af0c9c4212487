package io.istgt.telemetry.sim.scenario;

import io.istgt.telemetry.sim.event.SimEvent;
import io.istgt.telemetry.sim.fault.Fault;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class ScenarioTest {

    @Test
    void shouldParseTimedEventsInTimeOrder() {
        Scenario s = Scenario.parse("s.txt", List.of(
                "# a replica goes away and comes back",
                "+1m    vol1 replica-connect 6162   # back",
                "",
                "+30s   vol1 replica-disconnect 6162",
                "+1m30s *    fault slow 200ms",
                "+2h    vol1 io-rate 12.5",
                "+500ms vol1 login 2 iqn.1993-08.org.debian:01:abc"));

        assertThat(s.steps()).extracting(Scenario.Step::offset).containsExactly(Duration.ofMillis(500),
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(90), Duration.ofHours(2));
        assertThat(s.steps().get(1).event()).isEqualTo(new SimEvent.ReplicaDisconnect("vol1", "6162"));
        assertThat(s.steps().get(1).line()).isEqualTo(4);
        assertThat(s.steps().get(3).event()).asInstanceOf(type(SimEvent.SetFault.class))
                .extracting(SimEvent.SetFault::fault).isEqualTo(new Fault.SlowReply(Duration.ofMillis(200), false));
        assertThat(s.steps().get(4).event()).isEqualTo(new SimEvent.IoRate("vol1", 12.5));
        assertThat(s.steps().get(0).event()).isEqualTo(new SimEvent.Login("vol1", 2, "iqn.1993-08.org.debian:01:abc"));
    }

    @Test
    void shouldParseEveryEventOfTheFormat() {
        Scenario s = Scenario.parse("all.txt", List.of(
                "+1s vol1 replica-disconnect 16178149552629799470",
                "+1s vol1 replica-connect 6162",
                "+1s vol1 mgmt-errors 6162 3",
                "+1s vol1 data-errors 6162 4",
                "+1s vol1 rebuild-fail 6162",
                "+1s vol1 snapshot 2",
                "+1s vol1 snapshot-fail on",
                "+1s vol1 login 3",
                "+1s vol1 logout 1",
                "+1s vol1 login-storm 50",
                "+1s vol1 discovery",
                "+1s vol1 scsi 0x1a 8",
                "+1s vol1 io-rate 0",
                "+1s vol1 io-errors 6162 version-mismatch write 5",
                "+1s vol1 restart",
                "+1s vol1 fault stall",
                "+1s vol1 fault slow-bytes 5ms",
                "+1s vol1 fault garbage 64",
                "+1s vol1 fault truncated-json",
                "+1s vol1 fault close-mid-line",
                "+1s vol1 fault huge-line 4MiB",
                "+1s vol1 fault not-initialized",
                "+1s vol1 fault off"));

        assertThat(s.steps()).hasSize(23);
        assertThat(s.steps().get(2).event()).isEqualTo(new SimEvent.ConnectionErrors("vol1", "6162", 3, 0));
        assertThat(s.steps().get(11).event()).isEqualTo(new SimEvent.ScsiCommands("vol1", 0x1a, 8));
        assertThat(s.steps().get(20).event()).isEqualTo(new SimEvent.SetFault("vol1", new Fault.HugeLine(4L << 20)));
        assertThat(s.steps().get(22).event()).isEqualTo(new SimEvent.SetFault("vol1", null));
    }

    @Test
    void shouldLoadTheShippedExample() {
        Scenario s = Scenario.load(java.nio.file.Path.of("scenarios/flaky-replica.scenario"));

        assertThat(s.steps()).hasSize(12);
        assertThat(s.steps().get(s.steps().size() - 1).offset()).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void shouldReportEveryBadLineWithItsNumber() {
        assertThatThrownBy(() -> Scenario.parse("bad.txt", List.of(
                "+30s vol1 replica-disconnect 6162",
                "30s vol1 restart",
                "+3x vol1 restart",
                "+1s vol1 replica-disconect 6162",
                "+1s vol1 mgmt-errors 6162",
                "+1s vol1 restart now",
                "+1s vol1 replica-connect abc",
                "+1s vol1")))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> assertThat(((ScenarioException) e).problems()).containsExactly(
                        "bad.txt line 2: expected '+OFFSET VOLUME EVENT [ARGS...]' (e.g. '+30s vol1 restart'), got"
                                + " '30s vol1 restart'",
                        "bad.txt line 3: '3x' is not a duration such as 30s, 1m30s, 500ms or 2h",
                        "bad.txt line 4: unknown event 'replica-disconect'; known: [replica-disconnect,"
                                + " replica-connect, mgmt-errors, data-errors, rebuild-fail, snapshot, snapshot-fail,"
                                + " login, logout, login-storm, discovery, scsi, io-rate, io-errors, restart, fault]",
                        "bad.txt line 5: mgmt-errors: missing COUNT; usage: mgmt-errors REPLICA_ID COUNT",
                        "bad.txt line 6: restart: unexpected 'now'; usage: restart",
                        "bad.txt line 7: replica-connect: replica id 'abc' is not an unsigned 64-bit number",
                        "bad.txt line 8: expected 'VOLUME EVENT [ARGS...]', got 'vol1'"));
    }
}
