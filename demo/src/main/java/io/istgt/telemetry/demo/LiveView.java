package io.istgt.telemetry.demo;

import io.istgt.telemetry.schemas.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Shows the {@link Dashboard} once a second while the pipeline runs, and a summary when it stops. */
interface LiveView {

    /**
     * What the view shows besides the dashboard: where things run (Alertmanager's URL when there is one) and what
     * the scenario does next.
     */
    record Context(String kafka, String registry, Optional<String> alertmanager, Instant upAt, Optional<Instant> stopAt,
                   List<EmulatorStage.TimedEvent> timeline) {
    }

    void render(Dashboard.Snapshot snapshot, Context context, Instant now);

    /** The last word: what went through, which alerts fired and resolved. */
    default String summary(Dashboard.Snapshot s, Context context, Instant now) {
        Duration ran = Duration.between(context.upAt(), now);
        double average = ran.toMillis() <= 0 ? 0 : s.records() * 1000.0 / ran.toMillis();
        return String.format(Locale.ROOT, "summary: ran %s; %d records (%d volume, %d replica), %.1f records/s on"
                        + " average; alerts: %d FIRING, %d RESOLVED; fired and resolved: %s; history: %d blocks holding"
                        + " %d records",
                clock(ran), s.records(), s.volumeRecords(), s.replicaRecords(), average, s.firing(), s.resolved(),
                s.firedAndResolvedKinds().isEmpty() ? "none" : String.join(", ", s.firedAndResolvedKinds()),
                s.historyBlocks(), s.historyRecords());
    }

    DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** One alert change as a line: time, FIRING/RESOLVED, severity, kind, where, what. */
    static String alertLine(Alert a) {
        String where = volumeName(a.getIqn()) + (a.getReplicaId() == null ? "" : " replica " + a.getReplicaId());
        return String.format(Locale.ROOT, "%s %-8s %-8s %-22s %s: %s", TIME.format(Instant.ofEpochMilli(
                a.getEventAt().toEpochMilli())), a.getState(), a.getSeverity(), a.getKind(), where,
                a.getSummary().replace(a.getIqn(), volumeName(a.getIqn())));
    }

    static String volumeName(String iqn) {
        int colon = iqn.lastIndexOf(':');
        return colon < 0 ? iqn : iqn.substring(colon + 1);
    }

    /** The next scenario event after {@code now}, as "+m:ss text", if any is left. */
    static Optional<String> next(Context context, Instant now) {
        return context.timeline().stream().filter(e -> e.at().isAfter(now)).findFirst()
                .map(e -> "in " + clock(Duration.between(now, e.at()).plusMillis(999)) + ": " + e.text());
    }
}
