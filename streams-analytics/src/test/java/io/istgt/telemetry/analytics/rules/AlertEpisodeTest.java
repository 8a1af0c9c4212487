package io.istgt.telemetry.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.analytics.rules.AlertEpisode.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEpisodeTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");
    private static final Duration RESOLVE_AFTER = Duration.ofMinutes(2);

    @Test
    void shouldFireOnceWhileTheConditionHolds() {
        List<State> events = run(true, true, true, true);
        assertThat(events).containsExactly(State.FIRING);
    }

    @Test
    void shouldResolveOnlyAfterTheConditionStayedFalseForResolveAfter() {
        // given snapshots every 30 s: true once, then false for 2.5 minutes
        List<State> events = run(true, false, false, false, false, false, false);
        // then resolved at the snapshot 2 minutes after the first false one
        assertThat(events).containsExactly(State.FIRING, State.RESOLVED);
    }

    @Test
    void shouldKeepOneEpisodeWhenTheConditionFlaps() {
        List<State> events = run(true, false, true, false, true, false, true);
        assertThat(events).containsExactly(State.FIRING);
    }

    @Test
    void shouldReportTheEpisodeStartAndEndOnResolve() {
        AlertEpisode e = AlertEpisode.QUIET.evaluate(true, T0, "3 errors", RESOLVE_AFTER).next();
        e = e.evaluate(false, T0.plusSeconds(60), "", RESOLVE_AFTER).next();
        AlertEpisode.Step step = e.evaluate(false, T0.plusSeconds(180), "", RESOLVE_AFTER);
        assertThat(step.change()).hasValue(
                new AlertEpisode.Change(State.RESOLVED, T0, T0.plusSeconds(180), "3 errors"));
        assertThat(step.next()).isEqualTo(AlertEpisode.QUIET);
    }

    private static List<State> run(boolean... conditions) {
        List<State> events = new ArrayList<>();
        AlertEpisode episode = AlertEpisode.QUIET;
        for (int i = 0; i < conditions.length; i++) {
            AlertEpisode.Step step = episode.evaluate(conditions[i], T0.plusSeconds(30L * i), "detail", RESOLVE_AFTER);
            step.change().ifPresent(c -> events.add(c.state()));
            episode = step.next();
        }
        return events;
    }
}
