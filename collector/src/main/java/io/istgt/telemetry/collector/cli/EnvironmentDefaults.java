package io.istgt.telemetry.collector.cli;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment: {@code --socket} reads {@code ISTGT_COLLECTOR_SOCKET},
 * {@code --max-line-bytes} reads {@code ISTGT_COLLECTOR_MAX_LINE_BYTES}; unset falls back to the option's own
 * default. A command line option always wins.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    static final String PREFIX = "ISTGT_COLLECTOR_";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    static String variableFor(OptionSpec option) {
        String name = option.longestName().replaceFirst("^-+", "");
        return PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (argSpec instanceof OptionSpec option && !option.usageHelp() && !option.versionHelp()) {
            String value = environment.get(variableFor(option));
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
