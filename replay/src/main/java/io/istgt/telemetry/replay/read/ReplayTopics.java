package io.istgt.telemetry.replay.read;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import java.util.Objects;

/** The topics a replay reads, named by the same keys (and defaults) as the analytics'. */
public record ReplayTopics(String volumeStatus, String replicaStatus, String replicaTransitions,
                           String volumeTransitions, String alerts) {

    public ReplayTopics {
        Objects.requireNonNull(volumeStatus, AnalyticsConfig.VOLUME_TOPIC);
        Objects.requireNonNull(replicaStatus, AnalyticsConfig.REPLICA_TOPIC);
        Objects.requireNonNull(replicaTransitions, AnalyticsConfig.TRANSITIONS_TOPIC);
        Objects.requireNonNull(volumeTransitions, AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC);
        Objects.requireNonNull(alerts, AnalyticsConfig.ALERTS_TOPIC);
    }

    public static ReplayTopics of(AnalyticsConfig config) {
        return new ReplayTopics(config.getString(AnalyticsConfig.VOLUME_TOPIC),
                config.getString(AnalyticsConfig.REPLICA_TOPIC), config.getString(AnalyticsConfig.TRANSITIONS_TOPIC),
                config.getString(AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC), config.getString(AnalyticsConfig.ALERTS_TOPIC));
    }
}
