package io.istgt.telemetry.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.analytics.rules.RuleSettings;
import io.istgt.telemetry.schemas.IstgtTopic;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AnalyticsConfigTest {

    @Test
    void shouldLeaveTheOutputTopicsReplicationToTheBrokerByDefault() {
        AnalyticsConfig config = new AnalyticsConfig(Map.of());

        assertThat(config.getShort(AnalyticsConfig.TOPIC_REPLICATION))
                .as("a one-broker cluster works out of the box, as with the collector")
                .isEqualTo(AnalyticsConfig.BROKER_DEFAULT_REPLICATION);
    }

    @Test
    void shouldRefuseAReplicationFactorOfZeroOrBelowMinusOne() {
        for (String bad : new String[] {"0", "-2"}) {
            assertThatThrownBy(() -> new AnalyticsConfig(Map.of(AnalyticsConfig.TOPIC_REPLICATION, bad)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(AnalyticsConfig.TOPIC_REPLICATION)
                    .hasMessageContaining("must be 1 or more, or -1 for the broker's default");
        }
        assertThat(new AnalyticsConfig(Map.of(AnalyticsConfig.TOPIC_REPLICATION, "3"))
                .getShort(AnalyticsConfig.TOPIC_REPLICATION)).isEqualTo((short) 3);
    }

    @Test
    void shouldTakeItsTopicsAndTheirRetentionFromTheCatalogue() {
        AnalyticsConfig config = new AnalyticsConfig(Map.of());

        assertThat(config.getString(AnalyticsConfig.ALERTS_TOPIC)).isEqualTo(IstgtTopic.ALERTS.defaultName());
        assertThat(config.getString(AnalyticsConfig.VOLUME_TOPIC)).isEqualTo(IstgtTopic.VOLUME_STATUS.defaultName());
        assertThat(config.getLong(AnalyticsConfig.HISTORY_RETENTION_MS))
                .isEqualTo(IstgtTopic.Retention.HISTORY.duration().orElseThrow().toMillis());
    }

    @Test
    void shouldNeedThreeFailedPollsOverThirtySecondsAndForgetReplicasAfterADayByDefault() {
        RuleSettings settings = new AnalyticsConfig(Map.of()).ruleSettings();
        assertThat(settings.unreachable()).isEqualTo(new RuleSettings.Unreachable(3, Duration.ofSeconds(30)));
        assertThat(settings.replicaGoneAfter()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void shouldTakeTheUnreachableRuleAndTheReplicaGoneTimeFromTheConfig() {
        RuleSettings settings = new AnalyticsConfig(Map.of(AnalyticsConfig.UNREACHABLE_FAILED_POLLS, "5",
                AnalyticsConfig.UNREACHABLE_AFTER_MS, "60000", AnalyticsConfig.REPLICA_GONE_AFTER_MS, "3600000"))
                .ruleSettings();
        assertThat(settings.unreachable()).isEqualTo(new RuleSettings.Unreachable(5, Duration.ofMinutes(1)));
        assertThat(settings.replicaGoneAfter()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldRejectRulesThatCannotHold() {
        assertThatThrownBy(() -> new AnalyticsConfig(Map.of(AnalyticsConfig.UNREACHABLE_FAILED_POLLS, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AnalyticsConfig.UNREACHABLE_FAILED_POLLS);
        assertThatThrownBy(() -> new AnalyticsConfig(Map.of(AnalyticsConfig.UNREACHABLE_AFTER_MS, "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AnalyticsConfig.UNREACHABLE_AFTER_MS);
        assertThatThrownBy(() -> new AnalyticsConfig(Map.of(AnalyticsConfig.REPLICA_GONE_AFTER_MS, "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(AnalyticsConfig.REPLICA_GONE_AFTER_MS);
    }

    @Test
    void shouldKeepTheNewKeysFromKafkaStreams() {
        Map<String, Object> rest = AnalyticsConfig.withoutAnalyticsKeys(Map.of(AnalyticsConfig.UNREACHABLE_FAILED_POLLS,
                "3", AnalyticsConfig.UNREACHABLE_AFTER_MS, "1", AnalyticsConfig.REPLICA_GONE_AFTER_MS, "1",
                "num.stream.threads", "2"));
        assertThat(rest).containsOnlyKeys("num.stream.threads");
    }

    @Test
    void shouldGiveEachAlertKindItsSeverityAsConfiguredElseBuiltInElseTheDefault() {
        AnalyticsConfig config = new AnalyticsConfig(Map.of("severity.VOLUME_DEGRADED", " Critical ",
                "severity.default", "info"));

        assertThat(config.severity(io.istgt.telemetry.schemas.AlertKind.VOLUME_DEGRADED))
                .isEqualTo(io.istgt.telemetry.schemas.Severity.CRITICAL);
        assertThat(config.severity(io.istgt.telemetry.schemas.AlertKind.REPLICA_DEGRADED)).as("built in")
                .isEqualTo(io.istgt.telemetry.schemas.Severity.INFO);
        assertThat(config.severity(io.istgt.telemetry.schemas.AlertKind.REPLICA_DISCONNECTED)).as("the default")
                .isEqualTo(io.istgt.telemetry.schemas.Severity.INFO);
        assertThatThrownBy(() -> new AnalyticsConfig(Map.of("severity.STUCK_IO", "page-me"))
                .severity(io.istgt.telemetry.schemas.AlertKind.STUCK_IO))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be critical, warning or info");
    }
}
