package io.istgt.telemetry.analytics.rules;

import static io.istgt.telemetry.schemas.ReplicaMode.Degraded;
import static io.istgt.telemetry.schemas.ReplicaMode.Healthy;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.rules.ReplicaModes.Kind;
import io.istgt.telemetry.analytics.rules.ReplicaModes.Transition;
import io.istgt.telemetry.schemas.ReplicaMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaModesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");

    @Test
    void shouldReportAppearedThenHealthyWithTimeSpentDegraded() {
        ReplicaModes.Update first = ReplicaModes.NONE.observe(Map.of("6161", Degraded), T0);
        assertThat(first.transitions()).containsExactly(
                new Transition("6161", Kind.APPEARED, null, Degraded, T0, null));

        ReplicaModes.Update second = first.next().observe(Map.of("6161", Healthy), T0.plusSeconds(65));
        assertThat(second.transitions()).containsExactly(new Transition("6161", Kind.MODE_CHANGED, Degraded,
                Healthy, T0.plusSeconds(65), Duration.ofSeconds(65)));
    }

    @Test
    void shouldReportAVanishedReplicaAsDisconnected() {
        Map<String, ReplicaMode> both = new LinkedHashMap<>();
        both.put("6161", Healthy);
        both.put("16178149552629799470", Healthy);
        ReplicaModes state = ReplicaModes.NONE.observe(both, T0).next();

        ReplicaModes.Update update = state.observe(Map.of("6161", Healthy), T0.plusSeconds(10));

        assertThat(update.transitions()).containsExactly(new Transition("16178149552629799470",
                Kind.DISCONNECTED, Healthy, null, T0.plusSeconds(10), Duration.ofSeconds(10)));
        assertThat(update.next().modes()).containsOnlyKeys("6161");
    }

    @Test
    void shouldReportNothingWhenNothingChanged() {
        ReplicaModes state = ReplicaModes.NONE.observe(Map.of("6161", Healthy), T0).next();
        assertThat(state.observe(Map.of("6161", Healthy), T0.plusSeconds(10)).transitions()).isEmpty();
    }
}
