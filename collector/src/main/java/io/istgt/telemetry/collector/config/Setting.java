package io.istgt.telemetry.collector.config;

import io.istgt.telemetry.options.ProgramDefaults;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One setting of {@code istgt-collector run}, declared once: its key (the long option without dashes, the key in
 * the {@code --config} file), how it is written, its doc, its default and how its text is read. The option,
 * environment variable and file key all derive from the key.
 *
 * @param defaultText null when the setting has no default (required, or absent unless set)
 * @param parser      reads one value; throws IllegalArgumentException saying what is allowed
 * @param multiple    may be given more than once on the command line (comma-separated in the file and the
 *                    environment)
 * @param flag        an option without a value (true when given); {@code true}/{@code false} in file and environment
 */
public record Setting<T>(String key, String label, String doc, String defaultText, Function<String, T> parser,
                         boolean multiple, boolean flag) {

    /** The collector's part of its environment variables' names: ISTGT_COLLECTOR_&lt;KEY&gt;. */
    public static final String PROGRAM = "COLLECTOR";

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(parser, "parser");
    }

    static <T> Setting<T> of(String key, String label, String defaultText, Function<String, T> parser, String doc) {
        return new Setting<>(key, label, doc, defaultText, parser, false, false);
    }

    /** The values that {@code text} from the environment or a config file gives: comma-separated when multiple. */
    public List<String> values(String text) {
        return multiple ? Arrays.stream(text.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList()
                : List.of(text);
    }

    public String option() {
        return "--" + key;
    }

    public String environmentVariable() {
        return ProgramDefaults.variable(PROGRAM, key);
    }
}
