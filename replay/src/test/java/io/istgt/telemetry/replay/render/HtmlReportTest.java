package io.istgt.telemetry.replay.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.replay.IncidentTimeline;
import io.istgt.telemetry.replay.timeline.Timeline;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTML report's structure: what a reader's tools and the browser test rely on. */
class HtmlReportTest {

    private static String html;
    private static Timeline timeline;

    @BeforeAll
    static void render() {
        timeline = IncidentTimeline.build(300);
        html = HtmlReport.render(timeline, Optional.empty(),
                new TimeFormat(ZoneId.of("Europe/Berlin"), timeline.from(), timeline.to()));
    }

    @Test
    void shouldDrawOneLaneForTheVolumeAndOnePerReplica() {
        assertThat(count("<g class=\"lane\" ")).isEqualTo(4);
        assertThat(html).contains("id=\"lane-volume\" data-lane=\"volume\"",
                "id=\"lane-replica-6161\" data-lane=\"replica\" data-replica=\"6161\"",
                "id=\"lane-replica-6162\"", "id=\"lane-replica-6163\"");
    }

    @Test
    void shouldColourEachIntervalByItsStateAndHatchUnreachableSpansAndGaps() {
        assertThat(count("class=\"seg ")).isEqualTo(timeline.volume().size()
                + timeline.replicas().values().stream().mapToInt(java.util.List::size).sum());
        assertThat(html).contains("class=\"seg state-offline\"", "class=\"seg state-degraded\"",
                "class=\"seg state-disconnected\"", "class=\"seg state-unreachable hatched\"");
        assertThat(count("<rect class=\"gap\"")).isEqualTo(1);
        assertThat(html).contains("<pattern id=\"hatch-unreachable\"", "<pattern id=\"hatch-gap\"");
    }

    @Test
    void shouldMarkEveryAlertChangeAndBandEachEpisode() {
        long changes = timeline.events().stream().filter(e -> e instanceof
                io.istgt.telemetry.replay.timeline.TimelineEvent.AlertChange).count();
        assertThat(count("<line class=\"alert-mark ")).isEqualTo(changes);
        assertThat(html).contains("data-kind=\"VOLUME_OFFLINE\"", "data-kind=\"REPLICA_DISCONNECTED\" data-replica=\"6163\"",
                "class=\"alert-episode sev-critical\"");
        assertThat(count("class=\"alert-band\"")).isEqualTo(count("class=\"alert-episode "));
    }

    @Test
    void shouldDrawTheChartsOnTheSameTimeAxis() {
        assertThat(html).contains("id=\"chart-iops\"", "id=\"chart-latency\"", "id=\"chart-errors\"",
                "id=\"chart-inflight\"", "data-series=\"read-iops\"", "data-series=\"write-latency\"",
                "data-series=\"inflight-6163\"");
        // the first read-IOPS point (the first delta, +10 s) sits at the left edge of the plot, like the first lane segment
        Matcher path = Pattern.compile("data-series=\"read-iops\" d=\"M([0-9.]+) ").matcher(html);
        assertThat(path.find()).isTrue();
        assertThat(Double.parseDouble(path.group(1))).isBetween(Geometry.LEFT, Geometry.LEFT + 20);
    }

    @Test
    void shouldBeSelfContained() {
        assertThat(html).doesNotContain("<link", " src=", "@import", "url(http", "//cdn");
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")
                .replace("'http://www.w3.org/2000/svg'", "")).doesNotContain("http://", "https://");
        assertThat(html).contains("<style>", "<script>", "<script type=\"application/json\" id=\"chart-data\">");
    }

    @Test
    void shouldShowTimesInTheChosenZone() {
        // 02:10 UTC is 03:10 in Berlin in November
        assertThat(html).contains("2026-11-25 03:10:00 → 2026-11-25 03:25:10  Europe/Berlin (UTC+01:00)");
        assertThat(html).contains("<tr class=\"event event-gap\"><td>03:16:10</td>");
    }

    private static long count(String needle) {
        return Pattern.compile(Pattern.quote(needle)).matcher(html).results().count();
    }
}
