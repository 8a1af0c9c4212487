package io.istgt.telemetry.replay.render;

import static io.istgt.telemetry.replay.render.Markup.esc;
import static io.istgt.telemetry.replay.render.Markup.json;

import io.istgt.telemetry.replay.Replay;
import io.istgt.telemetry.replay.rederive.AlertDiff;
import io.istgt.telemetry.replay.timeline.Durations;
import io.istgt.telemetry.replay.timeline.LaneState;
import io.istgt.telemetry.replay.timeline.Timeline;
import io.istgt.telemetry.replay.timeline.TimelineEvent;
import io.istgt.telemetry.schemas.Alert;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The report as one self-contained HTML file: inline CSS, one inline SVG (lanes, charts and alert marks on
 * one time axis) and a small inline script for a crosshair readout; no external resource, so it opens
 * offline and can be attached to a postmortem. Elements carry ids, classes and data- attributes (lanes
 * {@code #lane-volume}, {@code #lane-replica-<id>}, segments {@code .seg[data-state]}, {@code .gap},
 * {@code .alert-episode}, {@code .alert-mark}, {@code .chart[data-chart]}) for tests and for readers' tools.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String render(Timeline t, Optional<Replay.Rederived> rederived, TimeFormat time) {
        Geometry geometry = new Geometry(t.from(), t.to(), time);
        SvgAlerts alerts = new SvgAlerts(t, geometry, time);
        SvgLanes lanes = new SvgLanes(t, geometry, time);
        SvgCharts charts = new SvgCharts(t, geometry);
        double lanesTop = alerts.labelHeight();
        double chartsTop = lanesTop + lanes.height() + 14;
        double height = chartsTop + charts.height();

        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc("istgt replay " + t.iqn() + " " + time.full(t.from()))).append("</title>\n<style>\n")
                .append(Assets.CSS).append("</style>\n</head>\n<body>\n");
        out.append("<header id=\"summary\"><h1>").append(esc(t.iqn())).append("</h1>\n<p>")
                .append(esc(time.full(t.from()) + " → " + time.full(t.to()) + "  " + time.zoneName(t.from()) + ", "
                        + Durations.human(Duration.between(t.from(), t.to()))))
                .append("</p>\n<p class=\"counts\">").append(counts(t)).append(" · <span id=\"summary-alerts\">")
                .append(alerts.episodes()).append("</span> alert episodes</p>\n").append(legend()).append("</header>\n");

        out.append(String.format("<svg id=\"report\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %s %s\" "
                        + "width=\"%s\" height=\"%s\" data-from=\"%s\" data-to=\"%s\" data-iqn=\"%s\">%n", Geometry.WIDTH,
                Geometry.round(height), Geometry.WIDTH, Geometry.round(height), t.from(), t.to(), esc(t.iqn())));
        out.append(Assets.SVG_DEFS);
        out.append(lanes.axis(lanesTop, height - lanesTop - 18));
        out.append(alerts.episodes(0, lanesTop + 20, height));
        out.append(lanes.render(lanesTop));
        out.append(charts.render(chartsTop));
        out.append(alerts.marks(0, height));
        out.append("</svg>\n<div id=\"readout\">move the pointer over the report for values</div>\n");

        out.append(events(t, time));
        rederived.ifPresent(r -> out.append(rederivation(r, time)));
        out.append("<script type=\"application/json\" id=\"chart-data\">").append(chartData(t, charts, time, lanesTop,
                height)).append("</script>\n<script>\n").append(Assets.SCRIPT).append("</script>\n</body>\n</html>\n");
        return out.toString();
    }

    private static String counts(Timeline t) {
        Timeline.Counts c = t.counts();
        return esc(c.volumeRecords() + " volume records, " + c.replicaRecords() + " replica records, "
                + c.transitions() + " transitions, " + c.alerts() + " alert changes"
                + t.pollInterval().map(i -> ", poll interval " + Durations.human(i)).orElse(""));
    }

    private static String legend() {
        StringBuilder out = new StringBuilder("<p class=\"legend-states\">");
        for (LaneState s : LaneState.values()) {
            out.append("<span class=\"swatch ").append(s.cssClass()).append("\"></span>").append(esc(s.label()))
                    .append(' ');
        }
        return out.append("<span class=\"swatch gap-swatch\"></span>collection gap "
                + "<span class=\"swatch band-swatch\"></span>alert episode</p>\n").toString();
    }

    private static String events(Timeline t, TimeFormat time) {
        StringBuilder out = new StringBuilder("<h2>Events</h2>\n<table id=\"events\">\n"
                + "<tr><th>time</th><th>what</th><th>detail</th></tr>\n");
        for (TimelineEvent e : t.events()) {
            EventText.Line line = EventText.of(e, time);
            String extra = e instanceof TimelineEvent.AlertChange a
                    ? " data-state=\"" + a.alert().getState() + "\" data-severity=\""
                    + a.alert().getSeverity().name().toLowerCase(Locale.ROOT) + "\"" : "";
            out.append(String.format("<tr class=\"event event-%s\"%s><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                    line.kind(), extra, esc(time.time(e.at())), esc(line.kind()), esc(line.text())));
        }
        if (t.events().isEmpty()) {
            out.append("<tr><td colspan=\"3\">no transition, alert, gap or outage in the window</td></tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    private static String rederivation(Replay.Rederived r, TimeFormat time) {
        AlertDiff diff = r.diff();
        StringBuilder out = new StringBuilder("<h2>Alerts re-derived</h2>\n<p>")
                .append(esc("thresholds: " + r.source() + "; status read from " + time.time(r.readFrom())
                        + " to warm up. " + diff.count(AlertDiff.Side.SAME) + " same, "
                        + diff.count(AlertDiff.Side.ONLY_REDERIVED) + " only re-derived, "
                        + diff.count(AlertDiff.Side.ONLY_RAISED) + " only raised."))
                .append("</p>\n<table id=\"rederive\">\n<tr><th></th><th>time</th><th>state</th><th>alert</th>"
                        + "<th>summary</th></tr>\n");
        for (AlertDiff.Row row : diff.rows()) {
            Alert a = row.alert();
            String side = row.side().name().toLowerCase(Locale.ROOT).replace('_', '-');
            out.append(String.format("<tr class=\"diff diff-%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
                            + "<td>%s</td></tr>%n", side, side.replace('-', ' '), esc(time.time(a.getEventAt())),
                    a.getState(), esc(EventText.alertName(a)), esc(a.getSummary())));
        }
        return out.append("</table>\n").toString();
    }

    private static String chartData(Timeline t, SvgCharts charts, TimeFormat time, double top, double bottom) {
        StringBuilder out = new StringBuilder("{\"left\":").append(Geometry.LEFT).append(",\"right\":")
                .append(Geometry.WIDTH - Geometry.RIGHT).append(",\"top\":").append(top).append(",\"bottom\":")
                .append(bottom).append(",\"labels\":[");
        for (int i = 0; i < t.charts().count(); i++) {
            out.append(i == 0 ? "" : ",").append(json(time.time(t.charts().start(i))));
        }
        out.append("],\"series\":[");
        boolean first = true;
        for (SvgCharts.Chart chart : charts.charts()) {
            for (SvgCharts.Line line : chart.lines()) {
                out.append(first ? "" : ",").append("{\"name\":").append(json(chart.id() + " " + line.label()))
                        .append(",\"values\":[");
                double[] v = line.values();
                for (int i = 0; i < v.length; i++) {
                    out.append(i == 0 ? "" : ",").append(Double.isNaN(v[i]) ? "null"
                            : String.valueOf(Math.round(v[i] * 1000) / 1000.0));
                }
                out.append("]}");
                first = false;
            }
        }
        return out.append("]}").toString();
    }
}
