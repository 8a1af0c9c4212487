package io.istgt.telemetry.options;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A program's {@code --config} file, read and checked: {@code options} holds the keys that are option names
 * ({@code interval=10s}), {@code others} the keys the program also accepts there (the analytics' dotted keys and
 * Kafka client settings, for example). A key that is neither has been refused.
 *
 * @param source where the file's name came from: {@code --config} or the environment variable
 */
public record ConfigFile(Path path, String source, Map<String, String> options, Map<String, String> others) {

    public ConfigFile {
        options = Map.copyOf(options);
        others = Map.copyOf(others);
    }

    /**
     * Reads {@code path} as Java properties (UTF-8), values stripped.
     *
     * @param optionNames the long option names without dashes that the file may set
     * @throws ConfigFileException naming the file when it cannot be read, and every key it does not accept
     */
    public static ConfigFile read(Path path, String source, Collection<String> optionNames, OtherKeys otherKeys) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigFileException("cannot read config file " + path + " (" + source + "): " + e);
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> others = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames().stream().sorted().toList()) {
            String k = key.strip();
            String v = p.getProperty(key).strip();
            if (optionNames.contains(k)) {
                options.put(k, v);
            } else if (otherKeys.accepts().test(k)) {
                others.put(k, v);
            }
        }
        List<String> unknown = p.stringPropertyNames().stream().map(String::strip)
                .filter(k -> !options.containsKey(k) && !others.containsKey(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new ConfigFileException("unknown key" + (unknown.size() == 1 ? " " : "s ") + String.join(", ", unknown)
                    + " in config file " + path + " (" + source + "): it takes the options' names without dashes ("
                    + String.join(", ", optionNames.stream().sorted().toList()) + ")"
                    + (otherKeys.description().isEmpty() ? "" : " and " + otherKeys.description()));
        }
        return new ConfigFile(path, source, options, others);
    }

    /** What the values of this file are named as in messages. */
    public String description() {
        return "config file " + path;
    }
}
