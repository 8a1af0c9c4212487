package io.istgt.telemetry.sim.cli;

import picocli.CommandLine;

import java.util.Locale;
import java.util.Map;

/**
 * Option defaults from the environment: {@code --rebuild-time} is read from {@code ISTGT_SIM_REBUILD_TIME},
 * and so on (the option's long name, upper-cased, dashes as underscores, prefixed {@code ISTGT_SIM_}).
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    static final String PREFIX = "ISTGT_SIM_";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    static String variableFor(String longOption) {
        return PREFIX + longOption.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
        if (argSpec instanceof CommandLine.Model.OptionSpec option) {
            String value = environment.get(variableFor(option.longestName()));
            if (value != null) {
                return value;
            }
        }
        return argSpec.defaultValue();
    }
}
