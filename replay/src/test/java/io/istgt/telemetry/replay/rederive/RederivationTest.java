package io.istgt.telemetry.replay.rederive;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.replay.ScenarioHistory;
import io.istgt.telemetry.replay.StatusShapes;
import io.istgt.telemetry.schemas.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The analytics' topology run offline over recorded history. */
class RederivationTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");

    @Test
    void shouldRaiseTheAlertsOfTheIncidentWithTheDefaultThresholds() {
        List<Alert> alerts = rederive(Map.of(), T0, T0.plusSeconds(910));

        assertThat(lines(alerts)).contains(
                "+130 REPLICA_DISCONNECTED/6163 FIRING",
                "+210 REPLICA_DISCONNECTED/6163 RESOLVED",
                // the target's polls fail from +300: the fourth, 30 s after the first, makes it unreachable
                "+330 TARGET_UNREACHABLE FIRING",
                "+500 VOLUME_OFFLINE FIRING",
                "+520 VOLUME_DEGRADED FIRING",
                "+600 CONNECTION_ERROR_SPIKE/6161 FIRING");
    }

    @Test
    void shouldApplyTheThresholdsGiven() {
        // a spike needs 20 errors now: the burst of 12 is not one
        List<Alert> alerts = rederive(Map.of(AnalyticsConfig.SPIKE_ABSOLUTE, "20", AnalyticsConfig.SPIKE_MINIMUM,
                "20"), T0, T0.plusSeconds(910));

        assertThat(lines(alerts)).noneMatch(l -> l.contains("CONNECTION_ERROR_SPIKE"));
    }

    @Test
    void shouldApplyTheUnreachableRuleGiven() {
        // one failed poll is enough now: the outage pages at its first failed poll
        List<Alert> alerts = rederive(Map.of(AnalyticsConfig.UNREACHABLE_FAILED_POLLS, "1",
                AnalyticsConfig.UNREACHABLE_AFTER_MS, "0"), T0, T0.plusSeconds(910));

        assertThat(lines(alerts)).contains("+300 TARGET_UNREACHABLE FIRING")
                .doesNotContain("+330 TARGET_UNREACHABLE FIRING");
    }

    @Test
    void shouldHideAlertsOfTheWarmUpButKeepTheirState() {
        // shown from +140: the disconnection of +130 fired during the warm-up, its resolution is shown
        List<Alert> alerts = rederive(Map.of(), T0.plusSeconds(140), T0.plusSeconds(910));

        assertThat(lines(alerts)).doesNotContain("+130 REPLICA_DISCONNECTED/6163 FIRING")
                .contains("+210 REPLICA_DISCONNECTED/6163 RESOLVED");
    }

    @Test
    void shouldNoticeSilenceWhenTheWallClockMovesWithEventTime() {
        // given records every 10 s, then nothing for 2 minutes
        AnalyticsConfig config = new AnalyticsConfig(Map.of());
        try (Rederivation r = new Rederivation(config, T0, T0.plusSeconds(200))) {
            for (int s = 0; s <= 60; s += 10) {
                r.volume(StatusShapes.volume(T0.plusSeconds(s), s / 10 + 1, "Healthy",
                        StatusShapes.modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), List.of(), 100 + s,
                        s * 20L, 0));
            }
            r.volume(StatusShapes.volume(T0.plusSeconds(180), 19, "Healthy",
                    StatusShapes.modes("6161", "Healthy", "6162", "Healthy", "6163", "Healthy"), List.of(), 280, 3600, 0));

            // then TARGET_SILENT fires when the silence rule's deadline passed (3 intervals after +60)
            assertThat(lines(r.finish())).containsExactly("+90 TARGET_SILENT FIRING", "+180 TARGET_SILENT RESOLVED");
        }
    }

    private static List<Alert> rederive(Map<String, String> settings, Instant from, Instant to) {
        try (Rederivation r = new Rederivation(new AnalyticsConfig(settings), from, to)) {
            List<ScenarioHistory.Poll> polls = ScenarioHistory.polls(T0);
            polls.forEach(p -> r.volume(p.volume()));
            polls.forEach(p -> p.replicas().forEach(r::replica));
            return r.finish();
        }
    }

    static List<String> lines(List<Alert> alerts) {
        return alerts.stream().map(a -> "+" + Duration.between(T0, a.getEventAt()).toSeconds() + " " + a.getKind()
                + (a.getReplicaId() == null ? "" : "/" + a.getReplicaId()) + " " + a.getState()).toList();
    }
}
