package io.istgt.telemetry.options;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The value an option takes when the command line does not give it: the environment variable
 * {@code ISTGT_<PROGRAM>_<OPTION>} ({@code --foo-bar} reads {@code ISTGT_DEMO_FOO_BAR}), then the key
 * {@code foo-bar} of the command's {@code --config} file, then the option's own default. {@code --config} itself
 * comes from the command line or {@code ISTGT_<PROGRAM>_CONFIG}. A blank value counts as unset.
 *
 * <p>Picocli's own {@code PropertiesDefaultProvider} reads one properties file, but knows no environment, does not
 * refuse a key no option has, cannot say where a value came from, and finds its file through a system property
 * or the home directory rather than the command's {@code --config}: so the lookup is this class's own.
 *
 * <p>The file is found from the command's parsed {@code --config} rather than by scanning the arguments again:
 * picocli asks for defaults after it has parsed the command line, for the options it did not match (a test holds
 * this), so {@code --config=FILE}, {@code --config FILE} and abbreviations all count exactly as picocli read them.
 * A file that cannot be read or holds an unknown key does not fail the parse (so that {@code --help} still
 * works); {@link ProgramOptions#install} fails the command before it runs.
 */
public final class ProgramDefaults implements CommandLine.IDefaultValueProvider {

    /** The option naming the config file, without dashes. */
    public static final String CONFIG = "config";

    private final String program;
    private final Map<String, String> environment;
    private final OtherKeys otherKeys;
    /** The values this provider gave picocli, so that a message about one can say where it came from. */
    private final Map<ArgSpec, Found> supplied = new IdentityHashMap<>();
    /** Each config file read, by command, then name and source: a ConfigFile or the ConfigFileException it gave. */
    private final Map<CommandSpec, Map<Found, Object>> files = new IdentityHashMap<>();

    /** An option's value and where it came from: {@code environment ISTGT_X_Y} or {@code config file F}. */
    public record Found(String value, String source) {
    }

    /**
     * @param program   the program's part of the variable names: COLLECTOR, ANALYTICS, REPLAY, DEMO, SIM
     * @param otherKeys what the program's config file takes besides its options' names
     */
    public ProgramDefaults(String program, Map<String, String> environment, OtherKeys otherKeys) {
        if (!program.matches("[A-Z][A-Z0-9]*")) {
            throw new IllegalArgumentException("program must be upper-case letters and digits, e.g. DEMO: " + program);
        }
        this.program = program;
        this.environment = Map.copyOf(environment);
        this.otherKeys = Objects.requireNonNull(otherKeys, "otherKeys");
    }

    /** The environment variable of {@code option} ({@code --foo-bar} or {@code foo-bar}): ISTGT_PROGRAM_FOO_BAR. */
    public String variable(String option) {
        return variable(program, option);
    }

    /** As {@link #variable(String)}, for {@code program}: the one rule for every variable's name. */
    public static String variable(String program, String option) {
        return prefix(program) + key(option).toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** {@code ISTGT_<PROGRAM>_}. */
    public String prefix() {
        return prefix(program);
    }

    private static String prefix(String program) {
        return "ISTGT_" + program + "_";
    }

    public OtherKeys otherKeys() {
        return otherKeys;
    }

    /** {@code option}'s value from the environment, if its variable is set and not blank. */
    public Optional<Found> fromEnvironment(String option) {
        String name = variable(option);
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(new Found(value.strip(), "environment " + name));
    }

    /** {@code option}'s value from the environment, else from {@code file}; empty when neither sets it. */
    public Optional<Found> find(String option, Optional<ConfigFile> file) {
        Optional<Found> env = fromEnvironment(option);
        if (env.isPresent() || file.isEmpty()) {
            return env;
        }
        String value = file.get().options().get(key(option));
        return value == null || value.isBlank() ? Optional.empty()
                : Optional.of(new Found(value, file.get().description()));
    }

    /**
     * Where {@code given} (the command line's {@code --config}, or null) or else the environment names the config
     * file; empty when neither does.
     */
    public Optional<Found> configFileName(String given) {
        if (given != null && !given.isBlank()) {
            return Optional.of(new Found(given.strip(), "--" + CONFIG));
        }
        return fromEnvironment(CONFIG);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()
                || !option.longestName().startsWith("--")) {
            return argSpec.defaultValue();
        }
        String name = key(option.longestName());
        Optional<Found> found;
        if (name.equals(CONFIG)) {
            found = fromEnvironment(CONFIG);
        } else {
            Optional<ConfigFile> file;
            try {
                file = configFile(option.command());
            } catch (ConfigFileException e) {
                // ProgramOptions fails the command with it once the parse is over.
                file = Optional.empty();
            }
            found = find(name, file);
        }
        if (found.isEmpty()) {
            supplied.remove(option);
            return argSpec.defaultValue();
        }
        supplied.put(option, found.get());
        return found.get().value();
    }

    /**
     * The config file of {@code command}, read and checked; empty when the command has no {@code --config} option
     * or it is not set.
     *
     * @throws ConfigFileException naming the file when it cannot be read or holds a key the command does not take
     */
    public Optional<ConfigFile> configFile(CommandSpec command) {
        OptionSpec config = command.findOption("--" + CONFIG);
        if (config == null) {
            return Optional.empty();
        }
        List<String> given = config.originalStringValues();
        Optional<Found> name = configFileName(given.isEmpty() ? null : given.getLast());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Object read = files.computeIfAbsent(command, c -> new HashMap<>()).computeIfAbsent(name.get(), k -> {
            try {
                return ConfigFile.read(path(name.get()), name.get().source(), optionNames(command), otherKeys);
            } catch (ConfigFileException e) {
                return e;
            }
        });
        if (read instanceof ConfigFileException e) {
            throw new ConfigFileException(e.getMessage());
        }
        return Optional.of((ConfigFile) read);
    }

    /**
     * Where {@code option}'s value came from, for messages about it: the option itself when the command line gave
     * it, {@code environment ISTGT_X_Y} or {@code config file F}, or {@code the default}.
     */
    public String sourceOf(OptionSpec option) {
        if (!option.originalStringValues().isEmpty()) {
            return option.longestName();
        }
        Found found = supplied.get(option);
        return found == null ? "the default" : found.source();
    }

    /** As {@link #sourceOf(OptionSpec)}, for the option named {@code name} of {@code command}. */
    public String sourceOf(CommandSpec command, String name) {
        OptionSpec option = command.findOption(name);
        if (option == null) {
            throw new IllegalArgumentException(command.name() + " has no option " + name);
        }
        return sourceOf(option);
    }

    /**
     * {@code message} about the options of {@code command} it names ("--volumes must be 1..50"), followed by where
     * each of them came from when that was not the command line nor the default: "--volumes must be 1..50 (--volumes
     * from environment ISTGT_DEMO_VOLUMES)". For the checks a program makes after the parse.
     */
    public String withSources(CommandSpec command, String message) {
        List<String> sources = command.options().stream()
                .filter(o -> o.longestName().startsWith("--"))
                .filter(o -> Pattern.compile("(?<![\\w-])" + Pattern.quote(o.longestName()) + "(?![\\w-])")
                        .matcher(message).find())
                .filter(o -> o.originalStringValues().isEmpty() && supplied.containsKey(o))
                .map(o -> o.longestName() + " from " + supplied.get(o).source())
                .toList();
        return sources.isEmpty() ? message : message + " (" + String.join(", ", sources) + ")";
    }

    /** The source of the value picocli could not convert, when this provider gave it; else empty. */
    Optional<String> sourceOfSupplied(ArgSpec argSpec, String value) {
        Found found = supplied.get(argSpec);
        return found != null && found.value().equals(value) && argSpec.originalStringValues().isEmpty()
                ? Optional.of(found.source()) : Optional.empty();
    }

    /** The names without dashes of {@code command}'s options that a config file may set. */
    public static List<String> optionNames(CommandSpec command) {
        return command.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && o.longestName().startsWith("--"))
                .map(o -> key(o.longestName()))
                .filter(k -> !k.equals(CONFIG))
                .toList();
    }

    private static Path path(Found name) {
        try {
            return Path.of(name.value());
        } catch (InvalidPathException e) {
            throw new ConfigFileException("invalid config file name '" + name.value() + "' (" + name.source() + "): "
                    + e.getMessage());
        }
    }

    private static String key(String option) {
        return option.startsWith("--") ? option.substring(2) : option;
    }
}
