package io.istgt.telemetry.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The live view as plain lines, for logs, pipes and CI: every alert change and volume status change as it is
 * read, and every few seconds a status line with the records rate and each volume.
 */
final class PlainView implements LiveView {

    private static final int STATUS_EVERY = 5;

    private final PrintStream out;
    private long lastSeq;
    private int renders;

    PlainView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void render(Dashboard.Snapshot s, Context context, Instant now) {
        s.statusChanges().stream().filter(c -> c.seq() > lastSeq).forEach(c -> out.println(
                LiveView.TIME.format(c.at()) + " volume " + c.volume() + " " + c.from() + " -> " + c.to()));
        s.alertLog().stream().filter(a -> a.seq() > lastSeq).forEach(a -> out.println(LiveView.alertLine(a.alert())));
        lastSeq = Math.max(lastSeq, Math.max(
                s.alertLog().isEmpty() ? 0 : s.alertLog().getLast().seq(),
                s.statusChanges().isEmpty() ? 0 : s.statusChanges().getLast().seq()));
        if (renders++ % STATUS_EVERY == 0) {
            String volumes = s.volumes().stream().map(v -> v.name() + " " + v.status() + " "
                    + v.replicaModes().values().stream().filter("Healthy"::equals).count() + "/" + v.replicaModes().size())
                    .collect(Collectors.joining(", "));
            out.println(String.format(Locale.ROOT, "[+%s] %.1f records/s, %d records; %d alerts active; %s",
                    LiveView.clock(Duration.between(context.upAt(), now)), s.recordsPerSecond(), s.records(),
                    s.active().size(), volumes.isEmpty() ? "no volume record yet" : volumes));
        }
        out.flush();
    }
}
