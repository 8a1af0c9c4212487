package io.istgt.telemetry.replay.render;

import static io.istgt.telemetry.replay.render.Markup.esc;

import io.istgt.telemetry.replay.timeline.Timeline;
import io.istgt.telemetry.replay.timeline.TimelineEvent;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The alerts over lanes and charts: a band per episode (FIRING to RESOLVED, or to the window's edge), a
 * vertical line per change, and the alert's name in label rows above the axis, stacked so labels never
 * overlap.
 */
final class SvgAlerts {

    static final double ROW_HEIGHT = 15;

    /** One alert episode as drawn. */
    record Episode(Alert firing, Alert resolved, Instant start, Instant end) {
        Alert any() {
            return firing != null ? firing : resolved;
        }
    }

    private final Geometry geometry;
    private final TimeFormat time;
    private final List<Episode> episodes = new ArrayList<>();
    private final List<Alert> changes = new ArrayList<>();
    private final List<Integer> rows = new ArrayList<>();
    private int rowCount;

    SvgAlerts(Timeline timeline, Geometry geometry, TimeFormat time) {
        this.geometry = geometry;
        this.time = time;
        Map<String, Alert> open = new HashMap<>();
        for (TimelineEvent e : timeline.events()) {
            if (e instanceof TimelineEvent.AlertChange change) {
                Alert a = change.alert();
                changes.add(a);
                String key = a.getKind() + "/" + a.getReplicaId();
                if (a.getState() == AlertState.FIRING) {
                    Alert previous = open.put(key, a);
                    if (previous != null) {
                        episodes.add(new Episode(previous, null, previous.getEventAt(), a.getEventAt()));
                    }
                } else {
                    Alert firing = open.remove(key);
                    Instant start = firing != null ? firing.getEventAt()
                            : later(a.getStartedAt(), timeline.from());
                    episodes.add(new Episode(firing, a, start, a.getEventAt()));
                }
            }
        }
        open.values().forEach(f -> episodes.add(new Episode(f, null, f.getEventAt(), timeline.to())));
        episodes.sort(java.util.Comparator.comparing(Episode::start));
        placeLabels();
    }

    /** Height of the label rows above the axis. */
    double labelHeight() {
        return Math.max(1, rowCount) * ROW_HEIGHT + 4;
    }

    int episodes() {
        return episodes.size();
    }

    /**
     * The episodes: a band from {@code marksTop} to {@code marksBottom} and a label in the rows at {@code top}.
     * Drawn before the lanes and charts, so bands tint what is behind them without muddying the lane colours.
     */
    String episodes(double top, double marksTop, double marksBottom) {
        StringBuilder out = new StringBuilder("<g id=\"alert-episodes\">\n");
        for (int i = 0; i < episodes.size(); i++) {
            Episode ep = episodes.get(i);
            Alert a = ep.any();
            String severity = a.getSeverity().name().toLowerCase(Locale.ROOT);
            double x1 = geometry.x(ep.start());
            double x2 = Math.max(x1 + 1, geometry.x(ep.end()));
            String replica = a.getReplicaId() == null ? "" : " data-replica=\"" + esc(a.getReplicaId()) + "\"";
            out.append(String.format("<g class=\"alert-episode sev-%s\" id=\"alert-%d\" data-kind=\"%s\"%s "
                            + "data-start=\"%s\" data-end=\"%s\" data-resolved=\"%s\">%n", severity, i, a.getKind(), replica,
                    ep.start(), ep.end(), ep.resolved() != null));
            out.append(String.format("<rect class=\"alert-band\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\">"
                            + "<title>%s</title></rect>%n", x1, marksTop, Geometry.round(x2 - x1),
                    Geometry.round(marksBottom - marksTop), esc(title(ep))));
            double labelY = top + (rows.get(i) + 1) * ROW_HEIGHT - 3;
            out.append(String.format("<text class=\"alert-label\" x=\"%s\" y=\"%s\">%s</text>%n", x1 + 2, labelY,
                    esc(EventText.alertName(a))));
            out.append("</g>\n");
        }
        return out.append("</g>\n").toString();
    }

    /** A vertical line per alert change, over everything, from the label rows down to {@code marksBottom}. */
    String marks(double top, double marksBottom) {
        StringBuilder out = new StringBuilder("<g id=\"alert-marks\">\n");
        for (Alert a : changes) {
            double x = geometry.x(a.getEventAt());
            out.append(String.format("<line class=\"alert-mark state-%s sev-%s\" data-kind=\"%s\" data-state=\"%s\"%s "
                            + "data-at=\"%s\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"><title>%s</title></line>%n",
                    a.getState().name().toLowerCase(Locale.ROOT), a.getSeverity().name().toLowerCase(Locale.ROOT),
                    a.getKind(), a.getState(), a.getReplicaId() == null ? "" : " data-replica=\"" + esc(a.getReplicaId()) + "\"",
                    a.getEventAt(), x, x, top, marksBottom, esc(time.time(a.getEventAt()) + " " + a.getState() + " "
                            + EventText.alertName(a) + ": " + a.getSummary())));
        }
        return out.append("</g>\n").toString();
    }

    private String title(Episode ep) {
        Alert a = ep.any();
        return EventText.alertName(a) + " " + time.time(ep.start()) + " – "
                + (ep.resolved() != null ? time.time(ep.end()) : "still firing at " + time.time(ep.end())) + ": "
                + a.getSummary();
    }

    /** Greedy: each label takes the first row where it does not overlap the previous label of that row. */
    private void placeLabels() {
        List<Double> rowEnds = new ArrayList<>();
        for (Episode ep : episodes) {
            double x = geometry.x(ep.start());
            double width = 7 * EventText.alertName(ep.any()).length() + 8;
            int row = 0;
            while (row < rowEnds.size() && rowEnds.get(row) > x) {
                row++;
            }
            if (row == rowEnds.size()) {
                rowEnds.add(0.0);
            }
            rowEnds.set(row, x + width);
            rows.add(row);
        }
        rowCount = rowEnds.size();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
