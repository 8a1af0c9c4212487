package io.istgt.telemetry.demo;

import io.istgt.telemetry.schemas.KafkaSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The Kafka client and schema registry settings of {@code --client-config}: what every client of the run (the
 * collector's producer, the analytics, the topic admin, the view's reader, the registry clients) connects to an
 * existing, secured cluster with. Empty for the embedded broker and registry.
 *
 * @param file     the file they were read from, handed to the collector as its {@code producer-config}
 * @param settings the file's keys and values, values trimmed
 */
record ClientSettings(Optional<Path> file, Map<String, String> settings) {

    static final ClientSettings NONE = new ClientSettings(Optional.empty(), Map.of());

    ClientSettings {
        settings = Map.copyOf(settings);
    }

    /** Reads {@code --client-config}; a file that cannot be read fails the start, naming it. */
    static ClientSettings read(Optional<Path> file) {
        if (file.isEmpty()) {
            return NONE;
        }
        Properties properties = new Properties();
        try (Reader r = Files.newBufferedReader(file.get())) {
            properties.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("--client-config " + file.get() + ": cannot read it (" + e + ")", e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.forEach((k, v) -> settings.put(k.toString(), v.toString().strip()));
        return new ClientSettings(file, settings);
    }

    /** The settings a client of this kind knows (its {@code configNames()}), config providers included. */
    Map<String, Object> forClient(Set<String> clientKeys) {
        return KafkaSettings.forClient(settings, clientKeys);
    }

    /** Every setting, for the programs that take client and serde settings in one map (the analytics). */
    Map<String, Object> all() {
        return new LinkedHashMap<>(settings);
    }
}
