package io.istgt.telemetry.demo;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertState;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live view as a screen redrawn in place once a second (ANSI): a header with the endpoints and the
 * records rate, one row per volume with its replicas' modes, the alerts firing now, the latest alert changes,
 * and the scenario's next event. Lines are cut to the terminal's width so nothing wraps.
 */
final class TerminalView implements LiveView {

    private static final String RESET = "\033[0m";
    private static final String BOLD = "\033[1m";
    private static final String DIM = "\033[2m";
    private static final String RED = "\033[31m";
    private static final String GREEN = "\033[32m";
    private static final String YELLOW = "\033[33m";
    private static final int LOG_LINES = 12;

    private final PrintStream out;
    private final int width;

    TerminalView(PrintStream out, int width) {
        this.out = out;
        this.width = Math.max(60, width);
    }

    @Override
    public void render(Dashboard.Snapshot s, Context context, Instant now) {
        List<String> lines = new ArrayList<>();
        String stop = context.stopAt().map(at -> "stops in " + LiveView.clock(Duration.between(now, at)) + ", ")
                .orElse("") + "Ctrl-C stops it";
        lines.add(BOLD + "istgt-telemetry demo" + RESET + "   up " + LiveView.clock(Duration.between(context.upAt(), now))
                + "   " + DIM + stop + RESET);
        lines.add(DIM + "Kafka " + context.kafka() + "   registry " + context.registry()
                + context.alertmanager().map(url -> "   Alertmanager " + url).orElse("") + RESET);
        lines.add(String.format(Locale.ROOT, "records %s%6.1f/s%s   total %d (volume %d, replica %d)   alerts %sFIRING %d%s"
                        + " %sRESOLVED %d%s", BOLD, s.recordsPerSecond(), RESET, s.records(), s.volumeRecords(),
                s.replicaRecords(), RED, s.firing(), RESET, GREEN, s.resolved(), RESET));
        lines.add("");
        lines.add(BOLD + String.format(Locale.ROOT, "%-42s %-12s %-6s %s", "VOLUME", "STATUS", "UP", "REPLICAS") + RESET);
        if (s.volumes().isEmpty()) {
            lines.add(DIM + "(waiting for the first volume record)" + RESET);
        }
        for (Dashboard.VolumeRow v : s.volumes()) {
            StringBuilder replicas = new StringBuilder();
            for (Map.Entry<String, String> r : v.replicaModes().entrySet()) {
                replicas.append(r.getKey()).append(' ').append(color(r.getValue())).append(r.getValue()).append(RESET)
                        .append("  ");
            }
            String up = v.upTimeSeconds() == null ? "-" : v.upTimeSeconds() + "s";
            lines.add(String.format(Locale.ROOT, "%-42s %s%-12s%s %-6s %s", v.name(), color(v.status()), v.status(),
                    RESET, up, v.failure() != null ? RED + v.failure() + RESET : replicas.toString().strip()));
        }
        lines.add("");
        lines.add(BOLD + "FIRING NOW (" + s.active().size() + ")" + RESET);
        s.active().forEach(a -> lines.add("  " + colored(a.alert())));
        lines.add("");
        lines.add(BOLD + "ALERT CHANGES" + RESET + DIM + " (newest last, read back from istgt.alerts)" + RESET);
        List<Dashboard.AlertLine> log = s.alertLog();
        log.subList(Math.max(0, log.size() - LOG_LINES), log.size()).forEach(a -> lines.add("  " + colored(a.alert())));
        lines.add("");
        lines.add(DIM + "scenario " + LiveView.next(context, now).map(n -> "next " + n).orElse("done: everything has recovered")
                + RESET);
        StringBuilder screen = new StringBuilder("\033[H");
        for (String line : lines) {
            screen.append(cut(line)).append("\033[K\n");
        }
        screen.append("\033[J");
        out.print(screen);
        out.flush();
    }

    /** Clears the screen once before the first frame, so the frames draw over nothing. */
    void begin() {
        out.print("\033[H\033[2J");
        out.flush();
    }

    private String colored(Alert a) {
        String line = LiveView.alertLine(a);
        return (a.getState() == AlertState.FIRING ? RED : GREEN) + line + RESET;
    }

    private static String color(String status) {
        return switch (status) {
            case "Healthy" -> GREEN;
            case "Degraded" -> YELLOW;
            default -> RED;
        };
    }

    /** Cuts a line to the width, counting only printed characters (escape sequences take no column). */
    private String cut(String line) {
        StringBuilder result = new StringBuilder();
        int columns = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\033') {
                int end = line.indexOf('m', i);
                if (end < 0) {
                    break;
                }
                result.append(line, i, end + 1);
                i = end;
                continue;
            }
            if (columns < width) {
                result.append(c);
                columns++;
            }
        }
        return result.append(RESET).toString();
    }
}
