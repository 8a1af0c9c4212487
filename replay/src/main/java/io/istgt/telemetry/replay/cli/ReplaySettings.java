package io.istgt.telemetry.replay.cli;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.options.ConfigFile;
import io.istgt.telemetry.options.OtherKeys;
import io.istgt.telemetry.schemas.KafkaSettings;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The settings of one run: the --config file's keys (the analytics' own keys name the topics and, for
 * --rederive, the thresholds; Kafka consumer and schema-registry client keys pass through, e.g. for TLS or
 * SASL), then the command line's. The consumer settings that make a replay leave nothing behind are forced.
 */
public record ReplaySettings(Map<String, Object> all, AnalyticsConfig analytics) {

    /** Consumer keys a --config file may not change: they are what keeps a replay read-only and exact. */
    static final Set<String> FORCED = Set.of(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);

    public ReplaySettings {
        all = Map.copyOf(all);
    }

    /**
     * What the replay's --config file takes besides its options' names: the analytics' keys (topics, --rederive
     * thresholds), Kafka consumer and schema registry client settings; all dotted but the consumer's undotted
     * ones.
     */
    public static final OtherKeys FILE_KEYS = OtherKeys.dotted("the analytics' keys (topics, --rederive thresholds),"
                    + " Kafka consumer and schema registry client settings (dotted keys)",
            ConsumerConfig.configNames().stream().filter(k -> k.indexOf('.') < 0).collect(Collectors.toSet()));

    /**
     * @param fileSettings the --config file's keys other than options ({@link ConfigFile#others()})
     * @throws org.apache.kafka.common.config.ConfigException naming the key of a bad value
     */
    public static ReplaySettings of(Map<String, String> fileSettings, String bootstrapServers, String registryUrl) {
        Map<String, Object> settings = new HashMap<>(fileSettings);
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return new ReplaySettings(settings, new AnalyticsConfig(settings));
    }

    /** A consumer that joins no group, commits nothing, sees only committed transactions and reads raw bytes. */
    public Map<String, Object> consumer() {
        Map<String, Object> props = KafkaSettings.forClient(all, ConsumerConfig.configNames());
        props.keySet().removeAll(FORCED);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "istgt-replay");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        props.putIfAbsent(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }

    /**
     * The schema registry client's settings (URL, auth, TLS), with the config providers: {@code ${file:...}} in
     * {@code basic.auth.user.info} or {@code bearer.auth.token} resolves as in the Kafka clients' settings.
     */
    public AvroSerdeConfig serde() {
        return new AvroSerdeConfig(KafkaSettings.forClient(all, AvroSerdeConfig.definition().names()));
    }
}
