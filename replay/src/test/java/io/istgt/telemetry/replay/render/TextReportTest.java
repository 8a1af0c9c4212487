package io.istgt.telemetry.replay.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.replay.IncidentTimeline;
import io.istgt.telemetry.replay.timeline.Timeline;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TextReportTest {

    @Test
    void shouldPrintIntervalsReplicasAndEventsInAlignedColumns() {
        Timeline t = IncidentTimeline.build(100);

        String text = TextReport.render(t, Optional.empty(), new TimeFormat(ZoneOffset.UTC, t.from(), t.to()));
        List<String> lines = text.lines().toList();

        assertThat(lines.get(1)).isEqualTo("window  2026-11-25 02:10:00 → 2026-11-25 02:25:10  UTC, 15m10s");
        assertThat(lines).contains("VOLUME STATUS", "REPLICAS", "EVENTS");
        assertThat(lines).anyMatch(l -> l.matches("  02:10:00  02:15:00  5m       Healthy\\s+20\\.00\\s+20\\.00\\s+1\\.00\\s+2\\.00 .*"));
        assertThat(lines).anyMatch(l -> l.startsWith("  02:15:00  02:15:50  50s      unreachable ")
                && l.contains("UNREACHABLE: connect to /var/run/istgt_ctl_sock"));
        assertThat(lines).anyMatch(l -> l.matches("    02:12:10  02:13:30  1m20s    disconnected\\s+errors: data conn \\+1"));
        assertThat(lines).anyMatch(l -> l.startsWith("  02:16:10  gap          no data 02:16:10 – 02:16:30 (20s): 1 poll lost"));
        assertThat(lines).anyMatch(l -> l.startsWith("  02:15:00  unreachable  02:15:00 – 02:15:50 (50s): 5 failed polls"));
        assertThat(lines).anyMatch(l -> l.startsWith("  02:17:30  restart      istgt restarted"));
        assertThat(lines).anyMatch(l -> l.startsWith("  02:18:20  alert        FIRING   critical VOLUME_OFFLINE: volume"));
        // every event line has its text in the same column
        assertThat(lines.subList(lines.indexOf("EVENTS") + 1, lines.size()))
                .allMatch(l -> l.length() > 25 && l.charAt(24) == ' ' && l.charAt(25) != ' ');
    }
}
