package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.testsupport.AlertmanagerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example deploy/alertmanager/alertmanager.yml is one Alertmanager takes, on the labels the forwarder sets. */
class ForwarderExampleAlertmanagerConfigTest {

    private static final Path EXAMPLE = Path.of("..", "deploy", "alertmanager", "alertmanager.yml");

    @TempDir
    Path dir;

    @Test
    void shouldBeAConfigurationAlertmanagerAccepts() throws Exception {
        assertThat(EXAMPLE).exists();
        if (Files.isExecutable(AlertmanagerProcess.AMTOOL)) {
            assertThat(AlertmanagerProcess.checkConfig(EXAMPLE)).as("amtool check-config " + EXAMPLE).isEmpty();
        } else {
            // Debian's package without amtool: Alertmanager itself refuses to start on a bad file.
            try (AlertmanagerProcess am = AlertmanagerProcess.start(dir, Files.readString(EXAMPLE))) {
                assertThat(am.isRunning()).isTrue();
            }
        }
    }

    @Test
    void shouldRouteAndInhibitOnTheLabelsTheForwarderSets() throws Exception {
        String yaml = Files.readString(EXAMPLE);

        assertThat(yaml).contains("severity=\"critical\"", "severity=\"warning\"", "severity=\"info\"",
                "alertname=\"IstgtVolumeOffline\"", "replica_id=~\".+\"", "equal: [iqn]");
        assertThat(AlertMapping.OWN_LABELS).contains("severity", "alertname", "replica_id", "iqn");
        assertThat(AlertMapping.alertName(io.istgt.telemetry.schemas.AlertKind.VOLUME_OFFLINE))
                .isEqualTo("IstgtVolumeOffline");
    }
}
