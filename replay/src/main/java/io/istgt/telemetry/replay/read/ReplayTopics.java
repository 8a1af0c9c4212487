package io.istgt.telemetry.replay.read;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import java.util.Objects;

/** The topics a replay reads, named by the same keys (and defaults) as the analytics'. */
public record ReplayTopics(String volumeStatus, String replicaStatus, String replicaTransitions,
                           String volumeTransitions, String alerts, String volumeHistory, String replicaHistory) {

    public ReplayTopics {
        Objects.requireNonNull(volumeStatus, AnalyticsConfig.VOLUME_TOPIC);
        Objects.requireNonNull(replicaStatus, AnalyticsConfig.REPLICA_TOPIC);
        Objects.requireNonNull(replicaTransitions, AnalyticsConfig.TRANSITIONS_TOPIC);
        Objects.requireNonNull(volumeTransitions, AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC);
        Objects.requireNonNull(alerts, AnalyticsConfig.ALERTS_TOPIC);
        Objects.requireNonNull(volumeHistory, AnalyticsConfig.VOLUME_HISTORY_TOPIC);
        Objects.requireNonNull(replicaHistory, AnalyticsConfig.REPLICA_HISTORY_TOPIC);
    }

    public static ReplayTopics of(AnalyticsConfig config) {
        return new ReplayTopics(config.getString(AnalyticsConfig.VOLUME_TOPIC),
                config.getString(AnalyticsConfig.REPLICA_TOPIC), config.getString(AnalyticsConfig.TRANSITIONS_TOPIC),
                config.getString(AnalyticsConfig.VOLUME_TRANSITIONS_TOPIC), config.getString(AnalyticsConfig.ALERTS_TOPIC),
                config.getString(AnalyticsConfig.VOLUME_HISTORY_TOPIC),
                config.getString(AnalyticsConfig.REPLICA_HISTORY_TOPIC));
    }
}
