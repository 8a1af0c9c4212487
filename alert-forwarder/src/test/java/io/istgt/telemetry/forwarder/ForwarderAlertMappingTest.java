package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ForwarderAlertMappingTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00.250Z");
    private static final Instant NOW = Instant.parse("2026-12-07T10:05:00Z");
    private final AlertMapping mapping = new AlertMapping(Map.of("cluster", "eu-1"),
            new UrlTemplate("https://wiki.example/runbooks/{alertname}?volume={volume}&replica={replica_id}"),
            new UrlTemplate("https://grafana.example/d/istgt?var-iqn={iqn}"), Duration.ofMinutes(4));

    @ParameterizedTest
    @EnumSource(AlertKind.class)
    void shouldNameEveryKindInCamelCaseWithItsLabels(AlertKind kind) {
        Alert alert = AlertRecords.firing(AlertRecords.IQN, kind.name().startsWith("REPLICA") ? "42" : null, kind,
                Severity.CRITICAL, START);

        AlertmanagerAlert mapped = mapping.map(alert, NOW);

        String camel = Arrays.stream(kind.name().split("_"))
                .map(w -> w.charAt(0) + w.substring(1).toLowerCase()).reduce("Istgt", String::concat);
        assertThat(mapped.labels()).containsEntry("alertname", camel).containsEntry("severity", "critical")
                .containsEntry("iqn", AlertRecords.IQN).containsEntry("volume", "pvc-1").containsEntry("cluster", "eu-1");
        assertThat(mapped.labels().get("alertname")).matches("Istgt[A-Z][A-Za-z]*");
    }

    @Test
    void shouldSendAFiringAlertWithItsStartAndAnEndFourIntervalsAhead() {
        Alert alert = AlertRecords.firing(AlertRecords.IQN, "42", AlertKind.REPLICA_DISCONNECTED, Severity.WARNING, START);

        AlertmanagerAlert mapped = mapping.map(alert, NOW);

        assertThat(mapped.labels()).isEqualTo(new TreeMap<>(Map.of("alertname", "IstgtReplicaDisconnected",
                "severity", "warning", "iqn", AlertRecords.IQN, "volume", "pvc-1", "replica_id", "42",
                "cluster", "eu-1")));
        assertThat(mapped.startsAt()).isEqualTo(START);
        assertThat(mapped.endsAt()).isEqualTo(NOW.plus(Duration.ofMinutes(4)));
        assertThat(mapped.annotations()).containsEntry("summary", "REPLICA_DISCONNECTED on " + AlertRecords.IQN)
                .containsEntry("runbook_url",
                        "https://wiki.example/runbooks/IstgtReplicaDisconnected?volume=pvc-1&replica=42");
        assertThat(mapped.generatorUrl())
                .contains("https://grafana.example/d/istgt?var-iqn=iqn.2016-09.com.openebs.cstor%3Apvc-1");
        assertThat(mapped.annotations().get("description")).isEqualTo("REPLICA_DISCONNECTED on " + AlertRecords.IQN
                + " replica 42. History: bin/istgt-replay --iqn " + AlertRecords.IQN
                + " --from 2026-12-07T09:45:00Z --to now");
    }

    @Test
    void shouldSendAResolvedAlertWithTheSameLabelsAndItsEndedAtAsEnd() {
        Alert firing = AlertRecords.firing(AlertRecords.IQN, null, AlertKind.VOLUME_OFFLINE, Severity.CRITICAL, START);
        Alert resolved = AlertRecords.resolved(firing, START.plusSeconds(90));

        AlertmanagerAlert sent = mapping.map(resolved, NOW);

        assertThat(sent.labels()).isEqualTo(mapping.map(firing, NOW).labels()).doesNotContainKey("replica_id");
        assertThat(sent.startsAt()).isEqualTo(START);
        assertThat(sent.endsAt()).isEqualTo(START.plusSeconds(90));
        assertThat(sent.annotations().get("description")).endsWith("--to 2026-12-07T10:01:31Z");
    }

    @Test
    void shouldDescribeTheValueThresholdAndContext() {
        Alert alert = Alert.newBuilder(AlertRecords.firing(AlertRecords.IQN, "7", AlertKind.IO_ERROR_SPIKE,
                        Severity.WARNING, START))
                .setValue(12.0).setThreshold(5.5).setLabels(Map.of("window", "5m", "counter", "ioTimeouts")).build();

        String description = mapping.map(alert, NOW).annotations().get("description");

        assertThat(description).startsWith("IO_ERROR_SPIKE on " + AlertRecords.IQN + " replica 7: value 12 (threshold"
                + " 5.5). Context: counter=ioTimeouts, window=5m. History: bin/istgt-replay");
    }

    @Test
    void shouldTakeTheWholeIqnAsVolumeWithoutAColon() {
        assertThat(AlertMapping.volume("vol1")).isEqualTo("vol1");
        assertThat(AlertMapping.volume("iqn.2016-09.com.openebs.cstor:vol1")).isEqualTo("vol1");
        assertThat(AlertMapping.volume("iqn.x:a:b")).isEqualTo("a:b");
    }

    @Test
    void shouldLeaveOutTheRunbookAndGeneratorWhenTheirTemplatesAreEmpty() {
        AlertMapping bare = new AlertMapping(Map.of(), new UrlTemplate(""), new UrlTemplate(""), Duration.ofMinutes(4));

        AlertmanagerAlert mapped = bare.map(AlertRecords.firing(AlertRecords.IQN, null, AlertKind.TARGET_SILENT,
                Severity.CRITICAL, START), NOW);

        assertThat(mapped.annotations()).containsOnlyKeys("summary", "description");
        assertThat(mapped.generatorUrl()).isEqualTo(Optional.empty());
        assertThat(mapped.toJson()).doesNotContainKey("generatorURL");
    }

    @Test
    void shouldRefuseStaticLabelsThatAlertmanagerRefusesOrThatTheForwarderSets() {
        assertThatThrownBy(() -> new AlertMapping(Map.of("bad-name", "x"), new UrlTemplate(""), new UrlTemplate(""),
                Duration.ofMinutes(1))).hasMessageContaining("static label 'bad-name'");
        assertThatThrownBy(() -> new AlertMapping(Map.of("severity", "x"), new UrlTemplate(""), new UrlTemplate(""),
                Duration.ofMinutes(1))).hasMessage("static label 'severity': the forwarder sets that label itself"
                + " (alertname, iqn, replica_id, severity, volume)");
    }

    @Test
    void shouldRefuseAnUnknownPlaceholder() {
        assertThatThrownBy(() -> new UrlTemplate("https://x/{pv}")).hasMessage("unknown placeholder {pv} in"
                + " 'https://x/{pv}': the known ones are {alertname} {severity} {iqn} {volume} {replica_id} {kind}");
    }
}
