package io.istgt.telemetry.collector.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.istgt.telemetry.collector.app.CollectorApp;
import io.istgt.telemetry.collector.app.RawControl;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.ManualClock;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.SimulatorCluster;
import io.istgt.telemetry.sim.fault.Fault;
import io.istgt.telemetry.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics endpoint as the real Prometheus (Debian's package) scrapes it: a collector polling two emulated
 * istgts in a watched socket directory, served on its exporter port, and Prometheus started with the shipped
 * scrape configuration (its Kubernetes discovery replaced by the same labels set statically) and the shipped
 * rules, scraping every second. No Kafka: the collector polls and serves while its records wait in the spool.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusEndpointIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private final ManualClock simClock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private SimulatorCluster istgts;
    private CollectorApp app;
    private PrometheusServer prometheus;
    private EmulatedIstgt kept;
    private EmulatedIstgt removed;

    @BeforeAll
    void start() throws Exception {
        istgts = SimulatorCluster.start(dir.resolve("sockets"), 2, SimConfig.builder().clock(simClock)
                .rebuildTime(Duration.ofSeconds(20)).idleTimeout(Duration.ofMinutes(10)).build());
        // Past the rebuild, then frozen: the values istgt serves stay what the test reads from it.
        simClock.advance(Duration.ofSeconds(90));
        kept = istgts.targets().get(0);
        removed = istgts.targets().get(1);
        int exporterPort = PrometheusServer.freePort();
        app = CollectorApp.start(new SettingsResolver(Map.of(), () -> "unused").resolve(Map.of(
                "socket-dir", List.of(dir.resolve("sockets").toString()),
                "socket-glob", List.of("*.sock"),
                "rescan-interval", List.of("1s"),
                "interval", List.of("500ms"),
                // Nothing listens there: the records wait in the spool, the endpoint does not need Kafka.
                "bootstrap-servers", List.of("127.0.0.1:" + PrometheusServer.freePort()),
                "schema-registry-url", List.of("http://127.0.0.1:" + PrometheusServer.freePort()),
                "http-port", List.of(Integer.toString(PrometheusServer.freePort())),
                "exporter-port", List.of(Integer.toString(exporterPort)),
                "http-address", List.of("127.0.0.1"),
                "spool-dir", List.of(dir.resolve("spool").toString()))), Clock.systemUTC());
        prometheus = PrometheusServer.start(DeployFiles.configFor("127.0.0.1:" + exporterPort, "1s", dir), dir);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (prometheus != null) {
                prometheus.close();
            }
        } finally {
            try {
                if (app != null) {
                    app.close();
                }
            } finally {
                if (istgts != null) {
                    istgts.close();
                }
            }
        }
    }

    /** Waits until {@code promql} answers at least one series, and returns the answer. */
    private JsonNode await(String promql) throws Exception {
        return Await.atMost(WAIT).every(Duration.ofMillis(250)).until(() -> prometheus.query(promql),
                result -> result.size() > 0, result -> "no series for " + promql + "; scrape state: " + scrapeState());
    }

    private String scrapeState() {
        try {
            return prometheus.targets().toString();
        } catch (Exception e) {
            return "(cannot read Prometheus' targets: " + e + ")";
        }
    }

    private double value(String promql) throws Exception {
        JsonNode result = await(promql);
        assertThat(result).as(promql).hasSize(1);
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    @Test
    @Order(1)
    void shouldServeEveryCompatibleSeriesWithTheValuesIstgtHolds() throws Exception {
        String iqn = kept.iqn(kept.volumes().getFirst());
        JsonNode iostats = RawControl.json(kept.socketPath(), "IOSTATS");
        String sel = "{iqn=\"" + iqn + "\"}";
        double gib = 1L << 30;

        Map<String, Double> expected = new LinkedHashMap<>();
        expected.put("openebs_actual_used", num(iostats, "UsedLogicalBlocks") * num(iostats, "SectorSize") / gib);
        expected.put("openebs_logical_size", 0.0);
        expected.put("openebs_size_of_volume", num(iostats, "Size") / gib);
        expected.put("openebs_sector_size", num(iostats, "SectorSize"));
        expected.put("openebs_reads", num(iostats, "ReadIOPS"));
        expected.put("openebs_writes", num(iostats, "WriteIOPS"));
        expected.put("openebs_total_read_bytes", num(iostats, "TotalReadBytes"));
        expected.put("openebs_total_write_bytes", num(iostats, "TotalWriteBytes"));
        expected.put("openebs_read_time", num(iostats, "TotalReadTime"));
        expected.put("openebs_write_time", num(iostats, "TotalWriteTime"));
        expected.put("openebs_read_block_count", num(iostats, "TotalReadBlockCount"));
        expected.put("openebs_write_block_count", num(iostats, "TotalWriteBlockCount"));
        expected.put("openebs_volume_status", switch (iostats.path("Status").asText()) {
            case "Offline" -> 1.0;
            case "Degraded" -> 2.0;
            case "Healthy" -> 3.0;
            default -> 4.0;
        });
        expected.put("openebs_healthy_replica_count", modes(iostats, "Healthy"));
        expected.put("openebs_degraded_replica_count", modes(iostats, "Degraded"));
        expected.put("openebs_total_replica_count", num(iostats, "ReplicaCounter"));
        expected.put("openebs_iscsi_initiator_login_status", 0.0);
        expected.put("openebs_connection_error_total", 0.0);
        expected.put("openebs_connection_retry_total", 0.0);
        expected.put("openebs_parse_error_total", 0.0);

        Map<String, Double> scraped = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            scraped.put(name, value(name + sel));
        }
        assertThat(scraped).isEqualTo(expected);
        String volName = iqn.substring(iqn.indexOf(':') + 1);
        assertThat(value("openebs_volume_uptime{volName=\"" + volName + "\",castype=\"cstor\"}"))
                .isEqualTo(num(iostats, "UpTime"));
        // The shipped relabelling gave every series the pod's labels, as openebs/monitoring's queries select them.
        JsonNode labels = await("openebs_volume_status" + sel).get(0).path("metric");
        assertThat(labels.path("openebs_pv").asText()).isEqualTo("pvc-it");
        assertThat(labels.path("openebs_pvc").asText()).isEqualTo("it-claim");
        assertThat(labels.path("openebs_cstor_label").asText()).isEqualTo("cstor-volume-manager");
    }

    @Test
    @Order(2)
    void shouldServeTheDeepSeries() throws Exception {
        String iqn = kept.iqn(kept.volumes().getFirst());
        List<String> names = List.of("istgt_volume_status", "istgt_volume_size_bytes", "istgt_volume_sector_size_bytes",
                "istgt_volume_used_bytes", "istgt_volume_uptime_seconds", "istgt_volume_connected_replicas",
                "istgt_volume_replicas", "istgt_volume_revision_counter", "istgt_volume_lun_state",
                "istgt_volume_read_ops_total", "istgt_volume_write_ops_total", "istgt_volume_read_bytes_total",
                "istgt_volume_write_bytes_total", "istgt_volume_read_blocks_total", "istgt_volume_write_blocks_total",
                "istgt_volume_read_time_seconds_total", "istgt_volume_write_time_seconds_total",
                "istgt_scsi_commands_total", "istgt_scsi_opcode_started_total", "istgt_scsi_opcode_finished_total",
                "istgt_iscsi_pdus_received_total", "istgt_iscsi_pdus_sent_total", "istgt_stats_opcodes_counted",
                "istgt_iscsi_login_requests_total", "istgt_iscsi_login_successes_total",
                "istgt_iscsi_logout_requests_total", "istgt_iscsi_logout_successes_total",
                "istgt_iscsi_discovery_requests_total", "istgt_iscsi_discovery_successes_total",
                "istgt_iscsi_sessions", "istgt_lu_workers", "istgt_queue_length", "istgt_mgmt_requests_total",
                "istgt_mgmt_successes_total", "istgt_max_io_wait_seconds", "istgt_build_info", "istgt_poll_up",
                "istgt_last_poll_timestamp_seconds", "istgt_last_success_timestamp_seconds",
                "istgt_replica_mode", "istgt_replica_quorum", "istgt_replica_uptime_seconds",
                "istgt_replica_checkpointed_io_seq", "istgt_replica_inflight_ios", "istgt_replica_mempool_inflight_ios",
                "istgt_replica_queue_length", "istgt_replica_request_time_seconds_total",
                "istgt_replica_response_time_seconds_total", "istgt_replica_connection_errors_total",
                "istgt_replica_restarts_total", "istgt_replica_mgmt_requests_total", "istgt_replica_mgmt_successes_total");

        JsonNode byName = await("count by (__name__) ({__name__=~\"istgt_.+\",iqn=\"" + iqn + "\"})");

        TreeSet<String> found = new TreeSet<>();
        byName.forEach(series -> found.add(series.path("metric").path("__name__").asText()));
        assertThat(found).containsAll(names);
        int replicas = kept.replicaIds(kept.volumes().getFirst()).size();
        assertThat(value("count(istgt_replica_mode{iqn=\"" + iqn + "\",mode=\"healthy\"})")).isEqualTo(replicas);
    }

    @Test
    @Order(3)
    void shouldAnswerEveryQueryOfTheShippedDashboardsAndRules() throws Exception {
        String volume = kept.volumes().getFirst();
        Map<String, String> queries = new LinkedHashMap<>();
        for (Path dashboard : DeployFiles.DASHBOARDS) {
            queries.putAll(DeployFiles.variableQueries(dashboard));
            DeployFiles.dashboardQueries(dashboard).forEach((panel, expr) ->
                    queries.put(panel, DeployFiles.fill(expr, Map.of("volume", volume, "datasource", "prometheus"))));
        }
        DeployFiles.ruleExpressions().forEach((alert, expr) -> {
            queries.put("rule " + alert, expr.strip());
            queries.put("rule " + alert + " without its threshold", DeployFiles.withoutThreshold(expr.strip()));
        });
        // Rates over a minute need two samples in it: wait for the first query that needs most.
        await("rate(istgt_volume_read_ops_total[1m])");

        List<String> empty = new ArrayList<>();
        for (Map.Entry<String, String> q : queries.entrySet()) {
            JsonNode result = prometheus.query(q.getValue());
            boolean isAlert = q.getKey().startsWith("rule ") && !q.getKey().endsWith("without its threshold");
            if (result.size() == 0 && !isAlert) {
                empty.add(q.getKey() + ": " + q.getValue());
            }
        }
        assertThat(empty).as("queries with an empty answer").isEmpty();
    }

    /**
     * openebs/monitoring's cStor volume dashboard (deploy/charts/openebs-monitoring/dashboards/cStor/cstor-volume.json)
     * and its VolumeCapacityLow rule, their queries as written there, variables filled as its template queries
     * would fill them from the relabelled series.
     */
    @Test
    @Order(4)
    void shouldAnswerTheQueriesOfOpenebsMonitoringsCstorVolumeDashboard() throws Exception {
        String s = "{openebs_pvc=~\"it-claim\",openebs_pv=~\"pvc-it\",openebs_cstor_label=~\"cstor-volume-manager\"}";
        String s2 = "{openebs_pvc=~\"it-claim\",openebs_pv=~\"pvc-it\"}";
        List<String> queries = List.of(
                "openebs_volume_status" + s,
                "openebs_total_replica_count" + s, "openebs_healthy_replica_count" + s,
                "openebs_degraded_replica_count" + s,
                "openebs_parse_error_total" + s, "openebs_connection_retry_total" + s,
                "openebs_connection_error_total" + s,
                "irate(openebs_reads" + s + "[2m])", "irate(openebs_writes" + s + "[2m])",
                "((irate(openebs_read_time" + s + "[2m]))/(irate(openebs_reads" + s2 + "[2m])))/1000000",
                "((irate(openebs_write_time" + s + "[2m]))/(irate(openebs_writes" + s2 + "[2m])))/1000000",
                "openebs_size_of_volume" + s, "openebs_actual_used" + s,
                "irate(openebs_read_block_count" + s + "[2m])/(2048)",
                "irate(openebs_write_block_count" + s + "[2m])/(2048)",
                "(irate(openebs_read_block_count" + s + "[2m])/(1024))*512/(irate(openebs_reads" + s2 + "[2m]))",
                "(irate(openebs_write_block_count" + s + "[2m])/(1024))*512/(irate(openebs_writes" + s2 + "[2m]))",
                "openebs_volume_uptime" + s,
                // VolumeCapacityLow, its threshold left out (the volume is far from full).
                "((openebs_actual_used{openebs_cstor_label=\"cstor-volume-manager\"}"
                        + "/openebs_size_of_volume{openebs_cstor_label=\"cstor-volume-manager\"})*100)");
        await("irate(openebs_reads" + s + "[2m])");

        List<String> empty = new ArrayList<>();
        for (String q : queries) {
            if (prometheus.query(q).size() == 0) {
                empty.add(q);
            }
        }
        assertThat(empty).as("openebs/monitoring queries with an empty answer").isEmpty();
    }

    @Test
    @Order(5)
    void shouldDropTheSeriesOfATargetThatGoesAway() throws Exception {
        String iqn = removed.iqn(removed.volumes().getFirst());
        await("openebs_volume_status{iqn=\"" + iqn + "\"}");
        await("istgt_volume_status{iqn=\"" + iqn + "\"}");

        removed.close();   // its socket goes: the collector stops polling it

        Await.atMost(WAIT).every(Duration.ofMillis(250)).until(
                () -> prometheus.query("{__name__=~\"openebs_.+|istgt_.+\",iqn=\"" + iqn + "\"}"),
                result -> result.size() == 0, result -> result.size() + " series of the removed target still answer,"
                        + " e.g. " + result.get(0).path("metric"));
        assertThat(prometheus.query("openebs_volume_status{iqn=\"" + kept.iqn(kept.volumes().getFirst()) + "\"}"))
                .hasSize(1);
        assertThat(Files.exists(removed.socketPath())).isFalse();
    }

    @Test
    @Order(6)
    void shouldReportAnIstgtThatCannotBeReadAsUnknownWithoutItsValuesUntilItCanAgain() throws Exception {
        String sel = "{iqn=\"" + kept.iqn(kept.volumes().getFirst()) + "\"}";
        await("openebs_reads" + sel);

        kept.fault(Fault.closeMidLine());   // every reply cut: each poll fails as a connection error

        assertThat(Await.atMost(WAIT).every(Duration.ofMillis(250)).until(() -> value("openebs_volume_status" + sel),
                status -> status == 4, status -> "openebs_volume_status is still " + status)).isEqualTo(4);
        Await.atMost(WAIT).every(Duration.ofMillis(250)).until(() -> prometheus.query("openebs_reads" + sel),
                result -> result.size() == 0, result -> "openebs_reads still answers " + result);
        assertThat(prometheus.query("openebs_actual_used" + sel)).isEmpty();
        assertThat(prometheus.query("istgt_volume_status" + sel)).isEmpty();
        assertThat(value("openebs_connection_error_total" + sel)).isPositive();
        assertThat(value("istgt_poll_up" + sel)).isZero();

        kept.clearFault();

        await("openebs_reads" + sel);
        assertThat(value("openebs_connection_retry_total" + sel)).isPositive();
    }

    private static double num(JsonNode json, String field) {
        return Double.parseDouble(json.path(field).asText());
    }

    private static double modes(JsonNode iostats, String mode) {
        int n = 0;
        for (JsonNode r : iostats.path("Replicas")) {
            if (r.path("Mode").asText().equals(mode)) {
                n++;
            }
        }
        return n;
    }
}
