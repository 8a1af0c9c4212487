package io.istgt.telemetry.collector.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.ReplicaMode;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.TargetInfo;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.collector.publish.SnapshotFixtures;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The series rendered from snapshots of the real istgt captures: names, types, labels and values. */
class IstgtMetricsCollectorTest {

    private static final String TARGET = SnapshotFixtures.SOCKET;
    private static final String IQN = SnapshotFixtures.IQN;
    private static final double GIB = 1L << 30;

    private final TargetStates states = new TargetStates(Clock.fixed(Instant.parse("2026-11-23T20:40:01Z"),
            ZoneOffset.UTC));
    private final IstgtMetricsCollector collector = new IstgtMetricsCollector(states);

    @Test
    void shouldRenderEveryCompatibleSeriesAsMayaExporterValuedIt() {
        IstgtSnapshot snapshot = SnapshotFixtures.deep();
        states.succeeded(TARGET, snapshot, Duration.ofMillis(3), 4);

        MetricSnapshots scraped = collector.collect();

        TargetInfo t = snapshot.volumes().getFirst().target();
        List<ReplicaSnapshot> replicas = snapshot.volumes().getFirst().replicas();
        Map<String, String> volume = Map.of("iqn", IQN, "target", TARGET);
        assertGauge(scraped, "openebs_actual_used", volume, t.usedLogicalBlocks() * (double) t.sectorSizeBytes() / GIB);
        assertGauge(scraped, "openebs_logical_size", volume, 0);
        assertGauge(scraped, "openebs_size_of_volume", volume, t.sizeBytes() / GIB);
        assertGauge(scraped, "openebs_sector_size", volume, t.sectorSizeBytes());
        assertGauge(scraped, "openebs_reads", volume, t.io().readOps());
        assertGauge(scraped, "openebs_writes", volume, t.io().writeOps());
        assertGauge(scraped, "openebs_total_read_bytes", volume, t.io().readBytes());
        assertGauge(scraped, "openebs_total_write_bytes", volume, t.io().writeBytes());
        assertGauge(scraped, "openebs_read_time", volume, t.io().totalReadTimeNs());
        assertGauge(scraped, "openebs_write_time", volume, t.io().totalWriteTimeNs());
        assertGauge(scraped, "openebs_read_block_count", volume, t.io().readBlocks());
        assertGauge(scraped, "openebs_write_block_count", volume, t.io().writeBlocks());
        // The capture's volume is Healthy: 6161 is Degraded, 6162 and 6163 Healthy, enough for istgt's quorum.
        assertThat(t.status()).isEqualTo(io.istgt.telemetry.client.snapshot.VolumeStatus.HEALTHY);
        assertGauge(scraped, "openebs_volume_status", volume, 3);
        assertGauge(scraped, "openebs_volume_uptime",
                Map.of("volName", "vol1", "castype", "cstor", "iqn", IQN, "target", TARGET), t.uptimeSeconds());
        assertGauge(scraped, "openebs_healthy_replica_count", volume, 2);
        assertGauge(scraped, "openebs_degraded_replica_count", volume, 1);
        assertGauge(scraped, "openebs_total_replica_count", volume, t.replicaCounter());
        assertGauge(scraped, "openebs_iscsi_initiator_login_status", volume, 0);
        assertCounter(scraped, "openebs_connection_error_total", volume, 0);
        assertCounter(scraped, "openebs_connection_retry_total", volume, 0);
        assertCounter(scraped, "openebs_parse_error_total", volume, 0);
        assertThat(replicas).extracting(ReplicaSnapshot::mode)
                .containsExactly(ReplicaMode.DEGRADED, ReplicaMode.HEALTHY, ReplicaMode.HEALTHY);
        assertThat(CompatibleSeries.ALL).extracting(Family::scrapedName)
                .allSatisfy(name -> assertThat(names(scraped)).contains(name));
    }

    @Test
    void shouldKeepToTheCompatibleSeriesWhenToldTo() {
        states.succeeded(TARGET, SnapshotFixtures.deep(), Duration.ofMillis(3), 4);
        IstgtMetricsCollector compatible = new IstgtMetricsCollector(states, ExporterSeries.COMPATIBLE);

        List<String> scraped = names(compatible.collect());

        assertThat(scraped).contains("openebs_volume_status", "openebs_actual_used")
                .noneMatch(name -> name.startsWith("istgt_"));
        assertThat(compatible.getPrometheusNames()).noneMatch(name -> name.startsWith("istgt_"));
        assertThat(collector.getPrometheusNames()).anyMatch(name -> name.startsWith("istgt_"));
    }

    @Test
    void shouldRenderTheDeepSeriesOfTheVolumeItsReplicasAndItsOpcodes() {
        IstgtSnapshot snapshot = SnapshotFixtures.deep();
        states.succeeded(TARGET, snapshot, Duration.ofMillis(3), 4);

        MetricSnapshots scraped = collector.collect();

        TargetInfo t = snapshot.volumes().getFirst().target();
        Map<String, String> volume = Map.of("iqn", IQN, "volume", "vol1", "target", TARGET);
        assertGauge(scraped, "istgt_volume_status", with(volume, "status", "healthy"), 1);
        assertGauge(scraped, "istgt_volume_status", with(volume, "status", "degraded"), 0);
        assertGauge(scraped, "istgt_volume_size_bytes", volume, t.sizeBytes());
        assertGauge(scraped, "istgt_volume_uptime_seconds", volume, t.uptimeSeconds());
        assertCounter(scraped, "istgt_volume_read_bytes_total", volume, t.io().readBytes());
        assertCounter(scraped, "istgt_volume_write_time_seconds_total", with(volume, "part", "total"),
                t.io().totalWriteTimeNs() / 1e9);
        assertCounter(scraped, "istgt_scsi_opcode_finished_total",
                with(with(volume, "opcode", "0x2a"), "name", "WRITE(10)"), snapshot.io().scsiFinished(0x2a));
        assertCounter(scraped, "istgt_scsi_commands_total", with(volume, "command", "write10"),
                snapshot.io().commands().write10());
        assertCounter(scraped, "istgt_iscsi_login_requests_total", volume, snapshot.iscsi().loginRequests());
        ReplicaSnapshot degraded = snapshot.volumes().getFirst().replicas().getFirst();
        Map<String, String> replica = with(volume, "replica_id", degraded.id().value());
        assertGauge(scraped, "istgt_replica_mode", with(replica, "mode", "degraded"), 1);
        assertGauge(scraped, "istgt_replica_mode", with(replica, "mode", "healthy"), 0);
        assertGauge(scraped, "istgt_replica_inflight_ios", with(replica, "op", "write"), degraded.inflightWrite());
        assertGauge(scraped, "istgt_replica_queue_length", with(replica, "queue", "wait"), degraded.queues().waitQ());
        assertCounter(scraped, "istgt_replica_connection_errors_total", with(replica, "connection", "data"),
                degraded.errors().dataConnErrors());
        assertCounter(scraped, "istgt_replica_response_time_seconds_total", with(replica, "op", "read"),
                degraded.ioTimes().readRespTimeNs() / 1e9);
        assertGauge(scraped, "istgt_poll_up", volume, 1);
        assertGauge(scraped, "istgt_last_success_timestamp_seconds", volume,
                snapshot.collectedAt().toEpochMilli() / 1e3);
        assertThat(family(scraped, "istgt_build_info")).isInstanceOf(InfoSnapshot.class);
        assertThat(point(scraped, "istgt_build_info", with(volume, "command_set", "deep"))).isPresent();
    }

    @Test
    void shouldLeaveOutWhatAStockIstgtDoesNotReport() {
        states.succeeded(TARGET, SnapshotFixtures.stock(), Duration.ofMillis(3), 4);

        MetricSnapshots scraped = collector.collect();

        assertThat(names(scraped)).contains("openebs_volume_status", "istgt_volume_read_ops_total",
                        "istgt_scsi_opcode_finished_total")
                .doesNotContain("istgt_iscsi_login_requests_total", "istgt_replica_queue_length",
                        "istgt_replica_restarts_total", "istgt_queue_length", "istgt_scsi_commands_total");
        assertGauge(scraped, "openebs_degraded_replica_count", Map.of("iqn", IQN, "target", TARGET), 3);
    }

    @Test
    void shouldReportAnUnreadableTargetAsUnknownWithNoOtherIstgtValue() {
        states.succeeded(TARGET, SnapshotFixtures.deep(), Duration.ofMillis(3), 4);
        states.failed(TARGET, ErrorKind.CONNECTION_REFUSED, Duration.ofMillis(1), 1);
        states.failed(TARGET, ErrorKind.JSON_MALFORMED, Duration.ofMillis(1), 1);

        MetricSnapshots scraped = collector.collect();

        Map<String, String> volume = Map.of("iqn", IQN, "target", TARGET);
        assertGauge(scraped, "openebs_volume_status", volume, 4);
        assertCounter(scraped, "openebs_connection_error_total", volume, 1);
        assertCounter(scraped, "openebs_parse_error_total", volume, 1);
        assertCounter(scraped, "openebs_connection_retry_total", volume, 1);
        assertThat(names(scraped)).doesNotContain("openebs_reads", "openebs_actual_used", "openebs_volume_uptime",
                "openebs_healthy_replica_count", "istgt_volume_status", "istgt_replica_mode", "istgt_build_info");
        Map<String, String> view = Map.of("iqn", IQN, "volume", "vol1", "target", TARGET);
        assertGauge(scraped, "istgt_poll_up", view, 0);
        assertCounter(scraped, "istgt_poll_failures_total", with(view, "kind", "connection_refused"), 1);
    }

    @Test
    void shouldReportATargetNeverReadWithoutAVolume() {
        states.failed("/run/new.sock", ErrorKind.NO_SOCKET, Duration.ofMillis(1), 1);
        states.failed("/run/other.sock", ErrorKind.TIMEOUT, Duration.ofMillis(1), 1);

        MetricSnapshots scraped = collector.collect();

        assertGauge(scraped, "openebs_volume_status", Map.of("iqn", "", "target", "/run/new.sock"), 4);
        assertGauge(scraped, "openebs_volume_status", Map.of("iqn", "", "target", "/run/other.sock"), 4);
        assertCounter(scraped, "openebs_connection_error_total", Map.of("iqn", "", "target", "/run/new.sock"), 1);
    }

    @Test
    void shouldForgetARemovedTarget() {
        states.succeeded(TARGET, SnapshotFixtures.deep(), Duration.ofMillis(3), 4);
        states.succeeded("/run/b.sock", SnapshotFixtures.stock(), Duration.ofMillis(3), 4);

        states.removed(TARGET);

        assertThat(collector.collect()).allSatisfy(family -> assertThat(family.getDataPoints())
                .allSatisfy(p -> assertThat(p.getLabels().get("target") == null
                        ? p.getLabels().get("iqn") : p.getLabels().get("target")).isNotEqualTo(TARGET)));
        assertThat(text(collector.collect())).doesNotContain("target=\"" + TARGET + "\"").contains("/run/b.sock");
    }

    @Test
    void shouldWriteTheCompatibleCountersUnderTheirTotalNames() {
        states.succeeded(TARGET, SnapshotFixtures.deep(), Duration.ofMillis(3), 4);

        String text = text(collector.collect());

        assertThat(text).contains("# TYPE openebs_volume_status gauge",
                "openebs_volume_status{iqn=\"" + IQN + "\",target=\"" + TARGET + "\"} 3.0",
                "# TYPE openebs_connection_error_total counter",
                "openebs_connection_error_total{iqn=\"" + IQN + "\",target=\"" + TARGET + "\"} 0.0",
                "openebs_volume_uptime{castype=\"cstor\",iqn=\"" + IQN + "\",target=\"" + TARGET
                        + "\",volName=\"vol1\"}");
    }

    @Test
    void shouldDeclareTheNameOfEveryFamilyItRendersSoThatAFilteredScrapeFindsThem() {
        states.succeeded(TARGET, SnapshotFixtures.deep(), Duration.ofMillis(3), 4);
        states.succeeded("/run/b.sock", SnapshotFixtures.stock(), Duration.ofMillis(3), 4);
        states.failed("/run/c.sock", ErrorKind.TIMEOUT, Duration.ofMillis(1), 1);

        List<String> rendered = collector.collect().stream().map(s -> s.getMetadata().getName()).toList();

        assertThat(collector.getPrometheusNames()).containsAll(rendered).doesNotHaveDuplicates();
        io.prometheus.metrics.model.registry.PrometheusRegistry registry =
                new io.prometheus.metrics.model.registry.PrometheusRegistry();
        registry.register(collector);
        assertThat(registry.scrape(name -> name.equals("istgt_collector_targets"))).isEmpty();
        assertThat(registry.scrape(name -> name.equals("openebs_volume_status"))).hasSize(1);
    }

    static String text(MetricSnapshots snapshots) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrometheusTextFormatWriter.create().write(out, snapshots);
            return out.toString(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(name, value);
        return Map.copyOf(more);
    }

    private static List<String> names(MetricSnapshots scraped) {
        return scraped.stream().map(IstgtMetricsCollectorTest::scrapedName).toList();
    }

    private static String scrapedName(MetricSnapshot s) {
        String name = s.getMetadata().getPrometheusName();
        return switch (s) {
            case CounterSnapshot c -> name + "_total";
            case InfoSnapshot i -> name + "_info";
            default -> name;
        };
    }

    private static MetricSnapshot family(MetricSnapshots scraped, String name) {
        return scraped.stream().filter(s -> scrapedName(s).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no family " + name + " among " + names(scraped)));
    }

    private static Optional<DataPointSnapshot> point(MetricSnapshots scraped, String name, Map<String, String> labels) {
        return family(scraped, name).getDataPoints().stream().filter(p -> {
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!e.getValue().equals(p.getLabels().get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }).map(p -> (DataPointSnapshot) p).findFirst();
    }

    private static void assertGauge(MetricSnapshots scraped, String name, Map<String, String> labels, double value) {
        assertThat(family(scraped, name)).as(name).isInstanceOf(GaugeSnapshot.class);
        assertValue(scraped, name, labels, value);
    }

    private static void assertCounter(MetricSnapshots scraped, String name, Map<String, String> labels, double value) {
        assertThat(family(scraped, name)).as(name).isInstanceOf(CounterSnapshot.class);
        assertValue(scraped, name, labels, value);
    }

    private static void assertValue(MetricSnapshots scraped, String name, Map<String, String> labels, double value) {
        DataPointSnapshot p = point(scraped, name, labels).orElseThrow(() -> new AssertionError(
                "no " + name + labels + " among " + family(scraped, name).getDataPoints().stream()
                        .map(d -> d.getLabels().toString()).toList()));
        double actual = p instanceof GaugeSnapshot.GaugeDataPointSnapshot g ? g.getValue()
                : ((CounterSnapshot.CounterDataPointSnapshot) p).getValue();
        assertThat(actual).as(name + labels).isEqualTo(value);
        if (labels.size() < p.getLabels().size()) {
            List<String> extra = p.getLabels().stream().map(Label::getName).filter(n -> !labels.containsKey(n)).toList();
            throw new AssertionError(name + labels + " has labels not expected: " + extra);
        }
    }
}
