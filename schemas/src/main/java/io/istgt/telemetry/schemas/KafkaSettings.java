package io.istgt.telemetry.schemas;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;

/** How every program hands its Kafka settings to each client it makes: one rule, so secrets resolve alike. */
public final class KafkaSettings {

    private KafkaSettings() {
    }

    /**
     * The settings a client knows ({@code clientKeys}: e.g. {@code ConsumerConfig.configNames()}), plus Kafka's config
     * providers ({@code config.providers}, {@code config.providers.file.class}...). No client lists the providers
     * among its own settings, yet each resolves the {@code ${file:...}} variables of its settings with them: dropped,
     * a secret read from a file would reach the broker as the literal {@code ${file:...}}.
     */
    public static Map<String, Object> forClient(Map<String, ?> settings, Set<String> clientKeys) {
        Map<String, Object> out = new LinkedHashMap<>();
        settings.forEach((k, v) -> {
            if (clientKeys.contains(k) || isConfigProvider(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Whether {@code key} configures Kafka's config providers. */
    public static boolean isConfigProvider(String key) {
        return key.equals(AbstractConfig.CONFIG_PROVIDERS_CONFIG)
                || key.startsWith(AbstractConfig.CONFIG_PROVIDERS_CONFIG + ".");
    }
}
