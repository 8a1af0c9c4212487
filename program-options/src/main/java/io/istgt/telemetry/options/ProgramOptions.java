package io.istgt.telemetry.options;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives a program's command line the one shape of configuration every istgt-telemetry program has:
 * <pre>{@code
 * ProgramDefaults defaults = new ProgramDefaults("DEMO", System.getenv(), OtherKeys.none());
 * CommandLine cli = ProgramOptions.install(new CommandLine(new DemoMain()), defaults);
 * }</pre>
 * Every option then comes from the command line, else {@code ISTGT_<PROGRAM>_<OPTION>}, else the {@code --config}
 * file's {@code <option>=<value>}, else its default; a value picocli cannot convert names where it came from; a
 * config file that cannot be read or holds a key the program does not take fails the command before it runs; and
 * {@code --help} ends with the same footer saying so.
 */
public final class ProgramOptions {

    private ProgramOptions() {
    }

    /**
     * Installs {@code defaults} on {@code cli} and the subcommands it has now, and the footer on each. Call it
     * after setting the command line's own execution strategy and parameter exception handler: it wraps them.
     */
    public static CommandLine install(CommandLine cli, ProgramDefaults defaults) {
        cli.setDefaultValueProvider(defaults);
        addFooters(cli, defaults);
        CommandLine.IParameterExceptionHandler handler = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, args) -> handler.handleParseException(namingTheSource(e, defaults), args));
        CommandLine.IExecutionStrategy strategy = cli.getExecutionStrategy();
        cli.setExecutionStrategy(parsed -> {
            Optional<Integer> refused = checkConfigFiles(parsed, defaults);
            return refused.isPresent() ? refused.get() : strategy.execute(parsed);
        });
        return cli;
    }

    /** Puts the footer before {@code command}'s own footer (for a subcommand added after {@link #install}). */
    public static void addFooter(CommandSpec command, ProgramDefaults defaults) {
        List<String> footer = new ArrayList<>(footer(command, defaults));
        footer.addAll(Arrays.asList(command.usageMessage().footer()));
        command.usageMessage().footer(footer.toArray(String[]::new));
    }

    /**
     * The footer's lines: how the environment and (for a command with {@code --config}) the config file set its
     * options, and their precedence. Picocli wraps them to the usage width.
     */
    static List<String> footer(CommandSpec command, ProgramDefaults defaults) {
        List<OptionSpec> options = command.options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && o.longestName().startsWith("--"))
                .filter(o -> !o.longestName().equals("--" + ProgramDefaults.CONFIG))
                .toList();
        // The example: the first option with a default value and a parameter, whose default then shows the form.
        Optional<OptionSpec> withDefault = options.stream()
                .filter(o -> o.defaultValue() != null && o.arity().max() > 0).findFirst();
        Optional<OptionSpec> example = withDefault.or(() -> options.stream().findFirst());
        String exampleValue = withDefault.map(OptionSpec::defaultValue).orElse("...");
        if (options.isEmpty()) {
            return List.of(); // a command of subcommands: theirs say it
        }
        String variable = defaults.prefix() + "<OPTION>";
        String exampleVariable = example.map(o -> " (e.g. " + defaults.variable(o.longestName()) + ")").orElse("");
        boolean hasFile = command.findOption("--" + ProgramDefaults.CONFIG) != null;
        List<String> lines = new ArrayList<>();
        lines.add("");
        if (!hasFile) {
            lines.add("Every option can also be set by environment variable " + variable + exampleVariable
                    + ": the option's name upper-cased, dashes as underscores. Precedence: command line, then"
                    + " environment, then the default.");
            return lines;
        }
        lines.add("Every option can also be set by environment variable " + variable + exampleVariable
                + ", the option's name upper-cased with dashes as underscores, or in the --config file (Java"
                + " properties; also " + defaults.variable(ProgramDefaults.CONFIG) + ") as <option>=<value>"
                + example.map(o -> " (e.g. " + o.longestName().substring(2) + "=" + exampleValue + ")").orElse("")
                + ". Precedence: command line, then environment, then config file, then the default."
                + (defaults.otherKeys().description().isEmpty() ? " The file takes no other keys."
                        : " The file also takes " + defaults.otherKeys().description() + "."));
        return lines;
    }

    private static void addFooters(CommandLine cli, ProgramDefaults defaults) {
        addFooter(cli.getCommandSpec(), defaults);
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (!sub.getCommandSpec().helpCommand()) {
                addFooters(sub, defaults);
            }
        }
    }

    /** Picocli's message for a value it could not convert, with the variable or file the value came from. */
    private static CommandLine.ParameterException namingTheSource(CommandLine.ParameterException e,
                                                                  ProgramDefaults defaults) {
        if (e.getArgSpec() == null || e.getValue() == null) {
            return e;
        }
        Optional<String> source = defaults.sourceOfSupplied(e.getArgSpec(), e.getValue());
        if (source.isEmpty()) {
            return e;
        }
        CommandLine.ParameterException named = new CommandLine.ParameterException(e.getCommandLine(),
                e.getMessage() + " (" + source.get() + ")", e.getCause(), e.getArgSpec(), e.getValue());
        named.setStackTrace(e.getStackTrace());
        return named;
    }

    /** Reads the config file of each command parsed that has one: a problem is printed, giving exit code 2. */
    private static Optional<Integer> checkConfigFiles(CommandLine.ParseResult parsed, ProgramDefaults defaults) {
        List<CommandLine> commands = parsed.asCommandLineList();
        if (commands.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested()
                || c.getCommandSpec().helpCommand())) {
            return Optional.empty(); // help works whatever the file holds
        }
        for (CommandLine cli : commands) {
            if (cli.getDefaultValueProvider() != defaults) {
                continue; // a subcommand that resolves its own settings (the collector's run)
            }
            try {
                defaults.configFile(cli.getCommandSpec());
            } catch (ConfigFileException e) {
                cli.getErr().println(cli.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                return Optional.of(cli.getCommandSpec().exitCodeOnInvalidInput());
            }
        }
        return Optional.empty();
    }
}
