package io.istgt.telemetry.replay;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.replay.rederive.Rederivation;
import io.istgt.telemetry.replay.timeline.ChartBuckets;
import io.istgt.telemetry.replay.timeline.ReplicaTimelineBuilder;
import io.istgt.telemetry.replay.timeline.Timeline;
import io.istgt.telemetry.replay.timeline.TimelineEvent;
import io.istgt.telemetry.replay.timeline.VolumeTimelineBuilder;
import io.istgt.telemetry.schemas.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The timeline of {@link ScenarioHistory}'s incident, with the alerts the analytics' rules raise for it. */
public final class IncidentTimeline {

    public static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");
    public static final Instant END = T0.plusSeconds(910);

    private IncidentTimeline() {
    }

    public static Timeline build(int chartPoints) {
        List<ScenarioHistory.Poll> polls = ScenarioHistory.polls(T0);
        ChartBuckets charts = new ChartBuckets(T0, END, chartPoints);
        VolumeTimelineBuilder volumes = new VolumeTimelineBuilder(T0, END, charts);
        polls.forEach(p -> volumes.accept(p.volume()));
        VolumeTimelineBuilder.VolumePass pass = volumes.finish();
        ReplicaTimelineBuilder replicas = new ReplicaTimelineBuilder(pass.replicas(), pass.targetRestarts(), T0, charts);
        polls.forEach(p -> p.replicas().forEach(replicas::accept));
        List<Alert> alerts;
        try (Rederivation r = new Rederivation(new AnalyticsConfig(Map.of()), T0, END)) {
            polls.forEach(p -> r.volume(p.volume()));
            polls.forEach(p -> p.replicas().forEach(r::replica));
            alerts = r.finish();
        }
        List<TimelineEvent> events = new ArrayList<>(pass.events());
        alerts.forEach(a -> events.add(new TimelineEvent.AlertChange(a.getEventAt(), a)));
        events.sort(Comparator.comparing(TimelineEvent::at));
        return new Timeline(StatusShapes.IQN, T0, END, pass.volume(), replicas.finish(), events, charts,
                pass.pollInterval(), new Timeline.Counts(pass.records(), replicas.records(), 0, alerts.size(), 0));
    }
}
