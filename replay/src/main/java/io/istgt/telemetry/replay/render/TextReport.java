package io.istgt.telemetry.replay.render;

import io.istgt.telemetry.replay.Replay;
import io.istgt.telemetry.replay.rederive.AlertDiff;
import io.istgt.telemetry.replay.timeline.Durations;
import io.istgt.telemetry.replay.timeline.ErrorCounter;
import io.istgt.telemetry.replay.timeline.Interval;
import io.istgt.telemetry.replay.timeline.IoAggregate;
import io.istgt.telemetry.replay.timeline.Timeline;
import io.istgt.telemetry.replay.timeline.TimelineEvent;
import io.istgt.telemetry.schemas.Alert;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The timeline as aligned text for a terminal: intervals, replica lanes, events, and the re-derivation. */
public final class TextReport {

    private TextReport() {
    }

    public static String render(Timeline t, Optional<Replay.Rederived> rederived, TimeFormat time) {
        StringBuilder out = new StringBuilder();
        Timeline.Counts c = t.counts();
        out.append("istgt-replay  ").append(t.iqn()).append('\n');
        out.append(String.format("window  %s → %s  %s, %s%n", time.full(t.from()), time.full(t.to()),
                time.zoneName(t.from()), Durations.human(Duration.between(t.from(), t.to()))));
        out.append(String.format("read    %d volume records, %d replica records, %d transitions, %d alert changes%s%s%n",
                c.volumeRecords(), c.replicaRecords(), c.transitions(), c.alerts(),
                t.pollInterval().map(i -> "; poll interval " + Durations.human(i)).orElse(""),
                c.staleRecords() > 0 ? "; " + c.staleRecords() + " out-of-order records skipped" : ""));
        if (c.volumeRecords() == 0) {
            out.append("\nNo status record of this volume in the window (check --iqn, the window and the topics).\n");
        }

        int w = time.width();
        out.append("\nVOLUME STATUS\n");
        out.append(String.format("  %-" + w + "s  %-" + w + "s  %-7s  %-12s %8s %8s %8s %8s  %-24s %s%n", "from", "to",
                "for", "status", "read/s", "write/s", "read ms", "write ms", "errors (delta)", "detail"));
        for (Interval i : t.volume()) {
            IoAggregate.Snapshot io = i.io();
            out.append(String.format("  %-" + w + "s  %-" + w + "s  %-7s  %-12s %8s %8s %8s %8s  %-24s %s%n",
                    time.time(i.start()), time.time(i.end()), Durations.human(i.duration()), i.state().label(),
                    number(io.readIops()), number(io.writeIops()), number(io.readLatencyMs()),
                    number(io.writeLatencyMs()), errors(io.errors()), i.detail()));
        }

        out.append("\nREPLICAS\n");
        if (t.replicas().isEmpty()) {
            out.append("  (no replica listed in the window)\n");
        }
        for (String id : t.replicaIds()) {
            out.append("  ").append(id).append('\n');
            for (Interval i : t.replicas().get(id)) {
                out.append(String.format("    %-" + w + "s  %-" + w + "s  %-7s  %-12s  errors: %s%n", time.time(i.start()),
                        time.time(i.end()), Durations.human(i.duration()), i.state().label(), errors(i.io().errors())));
            }
        }

        out.append("\nEVENTS\n");
        if (t.events().isEmpty()) {
            out.append("  (none: no transition, alert, gap or outage in the window)\n");
        }
        for (TimelineEvent e : t.events()) {
            EventText.Line line = EventText.of(e, time);
            out.append(String.format("  %-" + w + "s  %-11s  %s%n", time.time(e.at()), line.kind(), line.text()));
        }
        rederived.ifPresent(r -> rederivation(out, r, time));
        return out.toString();
    }

    private static void rederivation(StringBuilder out, Replay.Rederived r, TimeFormat time) {
        AlertDiff diff = r.diff();
        out.append("\nALERTS RE-DERIVED (thresholds: ").append(r.source()).append("; status read from ")
                .append(time.time(r.readFrom())).append(" to warm up)\n");
        int w = time.width();
        for (AlertDiff.Row row : diff.rows()) {
            Alert a = row.alert();
            String side = switch (row.side()) {
                case SAME -> "same";
                case ONLY_REDERIVED -> "only re-derived";
                case ONLY_RAISED -> "only raised";
            };
            String offset = row.offset().isZero() ? "" : " (re-derived " + signed(row.offset()) + ")";
            out.append(String.format("  %-15s  %-" + w + "s  %-8s %-30s %s%s%n", side, time.time(a.getEventAt()),
                    a.getState(), EventText.alertName(a), a.getSummary(), offset));
        }
        out.append(String.format("  → %d same, %d only re-derived, %d only raised%n", diff.count(AlertDiff.Side.SAME),
                diff.count(AlertDiff.Side.ONLY_REDERIVED), diff.count(AlertDiff.Side.ONLY_RAISED)));
    }

    static String errors(Map<ErrorCounter, Long> errors) {
        String text = errors.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().label() + " +" + e.getValue()).collect(Collectors.joining(", "));
        return text.isEmpty() ? "-" : text;
    }

    static String number(Double value) {
        if (value == null) {
            return "-";
        }
        return value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }

    private static String signed(Duration d) {
        return (d.isNegative() ? "-" : "+") + Durations.human(d.abs()) + (d.isNegative() ? " earlier" : " later");
    }
}
