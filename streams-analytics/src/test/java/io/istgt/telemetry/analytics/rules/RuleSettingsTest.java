package io.istgt.telemetry.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSettingsTest {

    private static RuleSettings rfCf(int rf, int cf) {
        return new RuleSettings(Duration.ofMinutes(2),
                new SpikeWindow.Thresholds(Duration.ofMinutes(1), 10, 5, 3, 0.3), rf, cf, Duration.ofMinutes(1),
                new RuleSettings.Unreachable(3, Duration.ofSeconds(30)), Duration.ofDays(1),
                kind -> io.istgt.telemetry.schemas.Severity.WARNING);
    }

    @ParameterizedTest(name = "RF={0} CF={1} H={2} D={3}: ready={4}, at risk={5}")
    @CsvSource({
        // istgt's own outcomes seen with RF=3, CF=2 (none -> Offline, 3D -> Degraded, 2H+1D -> Healthy,
        // 1H+1D -> Degraded, 1D -> Offline), and what losing one more replica would do.
        "3, 2, 0, 0, false, false",
        "3, 2, 0, 3, true,  false",
        "3, 2, 2, 1, true,  false",
        "3, 2, 3, 0, true,  false",
        "3, 2, 1, 1, true,  true",
        "3, 2, 2, 0, true,  true",
        "3, 2, 0, 2, true,  true",
        "3, 2, 0, 1, false, false",
        "1, 1, 1, 0, true,  true",
        "1, 1, 0, 1, true,  true",
        "5, 3, 3, 0, true,  true",
        "5, 3, 4, 0, true,  false",
    })
    void shouldApplyIstgtsReadinessRule(int rf, int cf, int healthy, int degraded, boolean ready, boolean atRisk) {
        Quorum configured = rfCf(rf, cf).quorum(Quorum.Reported.NOTHING);
        Quorum own = rfCf(3, 2).quorum(new Quorum.Reported(rf, cf, null));
        for (Quorum quorum : new Quorum[] {configured, own}) {
            assertThat(quorum.ready(healthy, degraded)).isEqualTo(ready);
            assertThat(quorum.atRisk(healthy, degraded)).isEqualTo(atRisk);
        }
    }

    @ParameterizedTest(name = "{0} failed polls over {1} s: unreachable={2}")
    @CsvSource({
        // one slow poll, or two, never (whatever the interval); three over less than 30 s (a 1 s interval) not yet
        "1, 0,    false",
        "2, 60,   false",
        "3, 2,    false",
        "3, 29,   false",
        "3, 30,   true",
        "4, 30,   true",
        "10, 9,   false",
    })
    void shouldNeedBothTheFailedPollsAndTheirSpan(int failedPolls, long spanSeconds, boolean unreachable) {
        RuleSettings.Unreachable rule = new RuleSettings.Unreachable(3, Duration.ofSeconds(30));
        Instant first = Instant.parse("2026-11-25T02:10:00Z");
        assertThat(rule.reached(failedPolls, first, first.plusSeconds(spanSeconds))).isEqualTo(unreachable);
    }

    @Test
    void shouldRejectAnUnreachableRuleThatNeedsNoFailedPoll() {
        assertThatThrownBy(() -> new RuleSettings.Unreachable(0, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RuleSettings.Unreachable(3, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldJudgeAVolumeByItsOwnFactorsWhenItsRecordReportsThemElseByTheConfiguredPair() {
        RuleSettings settings = rfCf(3, 2);

        assertThat(settings.quorum(new Quorum.Reported(5, 3, 4))).isEqualTo(new Quorum(5, 3, 4, true));
        assertThat(settings.quorum(new Quorum.Reported(5, 3, null))).as("no DRF: its RF")
                .isEqualTo(new Quorum(5, 3, 5, true));
        assertThat(settings.quorum(Quorum.Reported.NOTHING)).isEqualTo(new Quorum(3, 2, 3, false));
        assertThat(settings.quorum(new Quorum.Reported(null, null, 4))).as("DRF alone: the configured pair, its DRF")
                .isEqualTo(new Quorum(3, 2, 4, false));
        assertThat(settings.quorum(new Quorum.Reported(2, 3, null))).as("CF above RF: not believed")
                .isEqualTo(new Quorum(3, 2, 3, false));
        assertThat(settings.quorum(new Quorum.Reported(5, null, 0))).as("half a pair, a DRF of 0: not believed")
                .isEqualTo(new Quorum(3, 2, 3, false));
        assertThat(new Quorum(5, 3, 5, true).describe()).isEqualTo("RF 5, CF 3");
        assertThat(new Quorum(3, 2, 3, false).describe()).isEqualTo("RF 3, CF 2 as configured");
    }
}
