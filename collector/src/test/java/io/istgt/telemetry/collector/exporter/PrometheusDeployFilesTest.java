package io.istgt.telemetry.collector.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/prometheus and deploy/grafana as promtool and a reader check them (their queries: PrometheusEndpointIT). */
class PrometheusDeployFilesTest {

    @TempDir
    Path dir;

    @Test
    void shouldPassPromtoolsCheckOfTheRules() throws Exception {
        DeployFiles.PromtoolResult result = DeployFiles.promtool("check", "rules", DeployFiles.RULES.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(DeployFiles.ruleExpressions()).containsKeys("VolumeCapacityLow", "VolumeNotHealthy",
                "IstgtVolumeOffline", "IstgtVolumeDegraded", "IstgtReplicaDegraded", "IstgtTargetUnreadable");
    }

    @Test
    void shouldPassPromtoolsCheckOfTheScrapeConfigWithItsRelabelling() throws Exception {
        Path config = DeployFiles.configFor("127.0.0.1:9500", "15s", dir);

        DeployFiles.PromtoolResult result = DeployFiles.promtool("check", "config", config.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 8 rules found");
    }

    @Test
    void shouldRelabelInTheServiceMonitorAsInTheScrapeConfig() throws Exception {
        JsonNode job = DeployFiles.YAML.readTree(DeployFiles.CONFIG.toFile()).path("scrape_configs").get(0);
        JsonNode monitor = DeployFiles.YAML.readTree(DeployFiles.SERVICE_MONITOR.toFile());

        List<String> fromConfig = job.path("relabel_configs").findValues("target_label").stream()
                .map(JsonNode::asText).filter(l -> l.startsWith("openebs_")).toList();
        List<String> fromMonitor = monitor.path("spec").path("endpoints").get(0).path("relabelings")
                .findValues("targetLabel").stream().map(JsonNode::asText).filter(l -> l.startsWith("openebs_")).toList();

        assertThat(fromConfig).containsExactly("openebs_pv", "openebs_pv", "openebs_pvc", "openebs_cstor_label");
        assertThat(fromMonitor).isEqualTo(fromConfig);
        assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("exporter");
    }

    @Test
    void shouldGiveEachDashboardTheVariablesGrafanaUsersExpect() throws Exception {
        assertThat(DeployFiles.variables(DeployFiles.DASHBOARDS.get(0))).containsExactly("datasource");
        assertThat(DeployFiles.variables(DeployFiles.DASHBOARDS.get(1))).containsExactly("datasource", "volume");
        assertThat(DeployFiles.variableQueries(DeployFiles.DASHBOARDS.get(1)))
                .containsValue("count by (volume) (istgt_poll_up)");
        for (Path dashboard : DeployFiles.DASHBOARDS) {
            assertThat(DeployFiles.dashboardQueries(dashboard)).as(dashboard.toString()).isNotEmpty()
                    .allSatisfy((panel, expr) -> assertThat(expr).as(panel).isNotBlank());
        }
    }
}
