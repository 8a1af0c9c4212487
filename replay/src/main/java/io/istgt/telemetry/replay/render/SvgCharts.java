package io.istgt.telemetry.replay.render;

import static io.istgt.telemetry.replay.render.Markup.esc;
import static io.istgt.telemetry.replay.render.Markup.slug;

import io.istgt.telemetry.replay.timeline.ChartBuckets;
import io.istgt.telemetry.replay.timeline.Series;
import io.istgt.telemetry.replay.timeline.Timeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The charts under the lanes, on the same time axis: IOPS and average latency of the volume (from the
 * cumulative counts and times), error deltas (volume-wide and per replica), and each replica's IOs in
 * flight. One point per chart bucket; a bucket without data breaks the line.
 */
final class SvgCharts {

    static final double CHART_HEIGHT = 110;
    static final double CHART_GAP = 34;

    /** One drawn series. */
    record Line(String id, String label, double[] values, boolean bars) {
    }

    /** One chart: its lines share its y scale. */
    record Chart(String id, String title, String unit, List<Line> lines) {
    }

    private final Geometry geometry;
    private final ChartBuckets buckets;
    private final List<Chart> charts;
    /** Empty buckets in a row that still join the line: those within twice the poll interval. */
    private final int bridge;

    SvgCharts(Timeline timeline, Geometry geometry) {
        this.geometry = geometry;
        this.buckets = timeline.charts();
        this.charts = charts(timeline);
        long width = Math.max(1, buckets.width().toMillis());
        this.bridge = timeline.pollInterval().map(i -> (int) Math.min(Integer.MAX_VALUE, 2 * i.toMillis() / width))
                .orElse(Integer.MAX_VALUE);
    }

    List<Chart> charts() {
        return charts;
    }

    double height() {
        return charts.size() * (CHART_HEIGHT + CHART_GAP);
    }

    String render(double top) {
        StringBuilder out = new StringBuilder("<g id=\"charts\">\n");
        double y = top;
        int colour = 0;
        for (Chart chart : charts) {
            double max = niceMax(chart.lines());
            out.append(String.format("<g class=\"chart\" id=\"chart-%s\" data-chart=\"%s\" data-max=\"%s\">%n",
                    chart.id(), chart.id(), max));
            out.append(String.format("<text class=\"chart-title\" x=\"%s\" y=\"%s\">%s</text>%n", Geometry.LEFT,
                    y + 14, esc(chart.title() + " (" + chart.unit() + ")")));
            double plotTop = y + 22;
            out.append(String.format("<rect class=\"chart-frame\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>%n",
                    Geometry.LEFT, plotTop, geometry.plotWidth(), CHART_HEIGHT - 22));
            out.append(String.format("<text class=\"y-label\" x=\"%s\" y=\"%s\" text-anchor=\"end\">%s</text>"
                            + "<text class=\"y-label\" x=\"%s\" y=\"%s\" text-anchor=\"end\">0</text>%n",
                    Geometry.LEFT - 6, plotTop + 8, TextReport.number(max), Geometry.LEFT - 6, y + CHART_HEIGHT));
            double legendX = Geometry.LEFT + 260;
            for (Line line : chart.lines()) {
                String cls = "series c" + (colour % 8);
                out.append(line.bars() ? bars(line, cls, plotTop, y + CHART_HEIGHT, max)
                        : path(line, cls, plotTop, y + CHART_HEIGHT, max));
                out.append(String.format("<text class=\"legend %s\" x=\"%s\" y=\"%s\">%s</text>%n", cls, legendX,
                        y + 14, esc(line.label())));
                legendX += 14 + 7 * line.label().length();
                colour++;
            }
            out.append("</g>\n");
            y += CHART_HEIGHT + CHART_GAP;
        }
        return out.append("</g>\n").toString();
    }

    private String path(Line line, String cls, double top, double bottom, double max) {
        StringBuilder d = new StringBuilder();
        int last = -1;
        for (int i = 0; i < line.values().length; i++) {
            double v = line.values()[i];
            if (Double.isNaN(v)) {
                continue;
            }
            boolean join = last >= 0 && i - last - 1 <= bridge;
            d.append(join ? " L" : " M").append(x(i)).append(' ').append(y(v, top, bottom, max));
            last = i;
        }
        return String.format("<path class=\"%s\" data-series=\"%s\" d=\"%s\"/>%n", cls, esc(line.id()), d.toString().strip());
    }

    private String bars(Line line, String cls, double top, double bottom, double max) {
        StringBuilder out = new StringBuilder(String.format("<g class=\"%s bars\" data-series=\"%s\">", cls,
                esc(line.id())));
        double width = Math.max(1, Geometry.round(geometry.plotWidth() / buckets.count()));
        for (int i = 0; i < line.values().length; i++) {
            double v = line.values()[i];
            if (!Double.isNaN(v) && v > 0) {
                double yv = y(v, top, bottom, max);
                out.append(String.format("<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\"/>",
                        Geometry.round(x(i) - width / 2), yv, width, Geometry.round(bottom - yv)));
            }
        }
        return out.append("</g>\n").toString();
    }

    private double x(int bucket) {
        return geometry.x(buckets.start(bucket).plus(buckets.width().dividedBy(2)));
    }

    private static double y(double v, double top, double bottom, double max) {
        return Geometry.round(bottom - Math.min(1, v / max) * (bottom - top));
    }

    private static double niceMax(List<Line> lines) {
        double max = 0;
        for (Line line : lines) {
            for (double v : line.values()) {
                if (!Double.isNaN(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        if (max <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= max) {
                return m * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private List<Chart> charts(Timeline t) {
        double[] seconds = buckets.get(Series.VOLUME_SECONDS);
        double[] reads = buckets.get(Series.READ_COMMANDS);
        double[] writes = buckets.get(Series.WRITE_COMMANDS);
        List<Chart> result = new ArrayList<>();
        result.add(new Chart("iops", "volume IOPS", "commands/s", List.of(
                new Line("read-iops", "read", ratio(reads, seconds, 1), false),
                new Line("write-iops", "write", ratio(writes, seconds, 1), false))));
        result.add(new Chart("latency", "average volume latency", "ms", List.of(
                new Line("read-latency", "read", ratio(buckets.get(Series.READ_TIME_NS), reads, 1e6), false),
                new Line("write-latency", "write", ratio(buckets.get(Series.WRITE_TIME_NS), writes, 1e6), false))));
        Map<String, double[]> errors = new LinkedHashMap<>();
        errors.put("volume", buckets.get(Series.VOLUME_ERRORS));
        List<Line> errorLines = new ArrayList<>();
        errorLines.add(new Line("volume-errors", "volume (all counters)", errors.get("volume"), true));
        List<Line> inflight = new ArrayList<>();
        for (String id : t.replicaIds()) {
            errorLines.add(new Line("replica-errors-" + slug(id), "replica " + id, buckets.get(Series.replicaErrors(id)),
                    false));
            inflight.add(new Line("inflight-" + slug(id), "replica " + id, buckets.get(Series.replicaInflight(id)),
                    false));
        }
        result.add(new Chart("errors", "error counter deltas", "per " + io.istgt.telemetry.replay.timeline.Durations
                .human(buckets.width()), errorLines));
        result.add(new Chart("inflight", "replica IOs in flight", "max", inflight));
        return result;
    }

    private static double[] ratio(double[] numerator, double[] denominator, double scale) {
        double[] out = new double[numerator.length];
        for (int i = 0; i < out.length; i++) {
            double d = denominator[i];
            out[i] = Double.isNaN(numerator[i]) || Double.isNaN(d) || d == 0 ? Double.NaN : numerator[i] / d / scale;
        }
        return out;
    }
}
