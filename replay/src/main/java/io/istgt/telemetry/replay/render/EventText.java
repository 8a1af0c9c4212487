package io.istgt.telemetry.replay.render;

import io.istgt.telemetry.replay.timeline.Durations;
import io.istgt.telemetry.replay.timeline.TimelineEvent;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.VolumeTransition;
import java.time.Duration;
import java.util.Locale;

/** One line of words per timeline event, shared by the text and the HTML report. */
final class EventText {

    /** @param kind a short word for the column and the CSS class; {@code text} the rest */
    record Line(String kind, String text) {
    }

    private EventText() {
    }

    static Line of(TimelineEvent event, TimeFormat time) {
        return switch (event) {
            case TimelineEvent.ReplicaChange c -> new Line("replica", replica(c.transition()));
            case TimelineEvent.VolumeChange c -> new Line("volume", volume(c.transition()));
            case TimelineEvent.AlertChange c -> new Line("alert", alert(c.alert()));
            case TimelineEvent.CollectionGap g -> new Line("gap", "no data " + time.time(g.at()) + " – "
                    + time.time(g.end()) + " (" + Durations.human(g.duration()) + ")"
                    + (g.lostPolls() > 0 ? ": " + g.lostPolls() + " poll" + (g.lostPolls() == 1 ? "" : "s")
                    + " lost, " + g.reason() : ": " + g.reason()));
            case TimelineEvent.Unreachable u -> new Line("unreachable", time.time(u.at()) + " – " + time.time(u.end())
                    + " (" + Durations.human(u.duration()) + "): " + u.polls() + " failed poll"
                    + (u.polls() == 1 ? "" : "s") + ", " + u.failure());
            case TimelineEvent.CollectorRestart r -> new Line("collector", "collector " + r.collectorId()
                    + " started a new run at " + time.time(r.startedAt()) + " (sequence starts again at 1)");
            case TimelineEvent.TargetRestart r -> new Line("restart", "istgt restarted (uptime " + r.uptimeBefore()
                    + " s → " + r.uptimeAfter() + " s): its counters start again from zero");
        };
    }

    static String alertName(Alert a) {
        return a.getKind() + (a.getReplicaId() == null ? "" : " " + a.getReplicaId());
    }

    private static String alert(Alert a) {
        return String.format("%-8s %-8s %s: %s", a.getState(), a.getSeverity().name().toLowerCase(Locale.ROOT),
                alertName(a), a.getSummary());
    }

    private static String replica(ReplicaTransition t) {
        String since = t.getTimeInPreviousModeMs() == null ? ""
                : " for " + Durations.human(Duration.ofMillis(t.getTimeInPreviousModeMs()));
        return switch (t.getKind()) {
            case APPEARED -> t.getReplicaId() + " appeared " + t.getToMode();
            case MODE_CHANGED -> t.getReplicaId() + " " + t.getFromMode() + " → " + t.getToMode() + " (was "
                    + t.getFromMode() + since + ")";
            case DISCONNECTED -> t.getReplicaId() + " disconnected (was " + t.getFromMode() + since + ")";
            case REPLACED -> t.getReplicaId() + " replaced: its volume has its replicas without it (disconnected"
                    + since + ")";
            case GONE -> t.getReplicaId() + " gone: no longer tracked (disconnected" + since + ")";
            case UNKNOWN -> t.getReplicaId() + " changed (" + t.getFromMode() + " → " + t.getToMode() + ")";
        };
    }

    private static String volume(VolumeTransition t) {
        String since = t.getTimeInPreviousStatusMs() == null ? ""
                : " after " + Durations.human(Duration.ofMillis(t.getTimeInPreviousStatusMs()));
        String replicas = t.getHealthyReplicas() == null ? ""
                : ", " + t.getHealthyReplicas() + " healthy / " + t.getDegradedReplicas() + " degraded replicas";
        return (t.getFromStatus() == null ? "first seen " : t.getFromStatus() + " → ") + t.getToStatus() + since
                + replicas;
    }
}
