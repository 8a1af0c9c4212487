package io.istgt.telemetry.replay.render;

import static io.istgt.telemetry.replay.render.Markup.esc;
import static io.istgt.telemetry.replay.render.Markup.slug;

import io.istgt.telemetry.replay.timeline.Durations;
import io.istgt.telemetry.replay.timeline.Interval;
import io.istgt.telemetry.replay.timeline.LaneState;
import io.istgt.telemetry.replay.timeline.Timeline;
import io.istgt.telemetry.replay.timeline.TimelineEvent;
import java.time.Instant;
import java.util.List;

/**
 * The lanes of the report: the time axis, the volume's status lane, one lane per replica coloured by mode,
 * and collection gaps hatched across all of them. Unreachable spans are hatched within their lane.
 */
final class SvgLanes {

    static final double LANE_HEIGHT = 22;
    static final double LANE_GAP = 6;

    private final Timeline timeline;
    private final Geometry geometry;
    private final TimeFormat time;

    SvgLanes(Timeline timeline, Geometry geometry, TimeFormat time) {
        this.timeline = timeline;
        this.geometry = geometry;
        this.time = time;
    }

    /** Height of the axis and lanes. */
    double height() {
        return 24 + (1 + timeline.replicas().size()) * (LANE_HEIGHT + LANE_GAP);
    }

    /** The axis labels and grid lines spanning {@code gridHeight} below {@code top}. */
    String axis(double top, double gridHeight) {
        StringBuilder out = new StringBuilder("<g id=\"axis\" class=\"axis\">\n");
        for (Instant tick : geometry.ticks()) {
            double x = geometry.x(tick);
            out.append(String.format("<line class=\"grid\" x1=\"%s\" x2=\"%s\" y1=\"%s\" y2=\"%s\"/>"
                            + "<text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"middle\">%s</text>%n", x, x, top + 18,
                    top + 18 + gridHeight, x, top + 12, esc(time.time(tick))));
        }
        return out.append("</g>\n").toString();
    }

    String render(double top) {
        StringBuilder out = new StringBuilder("<g id=\"lanes\">\n");
        double y = top + 24;
        out.append(lane("lane-volume", "volume", null, "volume status", timeline.volume(), y));
        for (String id : timeline.replicaIds()) {
            y += LANE_HEIGHT + LANE_GAP;
            out.append(lane("lane-replica-" + slug(id), "replica", id, "replica " + id, timeline.replicas().get(id), y));
        }
        double lanesBottom = y + LANE_HEIGHT;
        for (TimelineEvent e : timeline.events()) {
            if (e instanceof TimelineEvent.CollectionGap gap) {
                double x1 = geometry.x(gap.at());
                double x2 = Math.max(x1 + 2, geometry.x(gap.end()));
                out.append(String.format("<rect class=\"gap\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                                + "data-start=\"%s\" data-end=\"%s\" data-lost=\"%d\"><title>collection gap %s – %s (%s)"
                                + "</title></rect>%n", x1, top + 24, Geometry.round(x2 - x1), lanesBottom - top - 24,
                        gap.at(), gap.end(), gap.lostPolls(), esc(time.time(gap.at())), esc(time.time(gap.end())),
                        Durations.human(gap.duration())));
            }
        }
        return out.append("</g>\n").toString();
    }

    private String lane(String id, String kind, String replicaId, String label, List<Interval> intervals, double y) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("<g class=\"lane\" id=\"%s\" data-lane=\"%s\"%s>%n", esc(id), kind,
                replicaId == null ? "" : " data-replica=\"" + esc(replicaId) + "\""));
        out.append(String.format("<text class=\"lane-label\" x=\"%s\" y=\"%s\">%s</text>%n", Geometry.LEFT - 8,
                y + LANE_HEIGHT / 2 + 4, esc(label)));
        out.append(String.format("<rect class=\"lane-bg\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>%n",
                Geometry.LEFT, y, geometry.plotWidth(), LANE_HEIGHT));
        for (Interval i : intervals) {
            double x1 = geometry.x(i.start());
            double w = Math.max(1, Geometry.round(geometry.x(i.end()) - x1));
            String hatched = i.state() == LaneState.UNREACHABLE ? " hatched" : "";
            out.append(String.format("<rect class=\"seg %s%s\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" "
                            + "data-state=\"%s\" data-start=\"%s\" data-end=\"%s\"><title>%s %s – %s (%s)%s</title></rect>%n",
                    i.state().cssClass(), hatched, x1, y, w, LANE_HEIGHT, i.state().name(), i.start(), i.end(),
                    esc(i.state().label()), esc(time.time(i.start())), esc(time.time(i.end())),
                    Durations.human(i.duration()), i.detail().isEmpty() ? "" : ": " + esc(i.detail())));
        }
        return out.append("</g>\n").toString();
    }
}
