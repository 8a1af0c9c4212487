package io.istgt.telemetry.collector.cli;

import io.istgt.telemetry.client.Durations;
import io.istgt.telemetry.collector.config.RunSettings;
import io.istgt.telemetry.collector.config.Setting;
import io.istgt.telemetry.options.OtherKeys;
import io.istgt.telemetry.options.ProgramDefaults;
import io.istgt.telemetry.options.ProgramOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code istgt-collector}: the top command. Each mode of the program is a subcommand: {@code snapshot} takes
 * one snapshot, {@code run} polls and publishes until stopped.
 */
@Command(name = "istgt-collector",
        mixinStandardHelpOptions = true,
        version = "istgt-collector 0.1.0",
        description = "Reads OpenEBS cStor iSCSI target (istgt) status over istgt's unix control socket.",
        subcommands = {SnapshotCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Each subcommand's options can also be set by environment variable ISTGT_COLLECTOR_<OPTION>"
                + " or in one --config file that serves both (run --help, snapshot --help)."})
public final class IstgtCollectorCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** A command line wired with the clock and environment given, so that tests control both. */
    public static CommandLine commandLine(Clock clock, Map<String, String> environment) {
        return commandLine(clock, environment, Main::awaitTermination);
    }

    /** As {@link #commandLine(Clock, Map)}, with {@code run} waiting on {@code stop} instead of SIGTERM. */
    static CommandLine commandLine(Clock clock, Map<String, String> environment, RunCommand.StopSignal stop) {
        CommandLine cli = new CommandLine(new IstgtCollectorCommand(), new Factory(clock));
        cli.registerConverter(Duration.class, IstgtCollectorCommand::duration);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine snapshot = cli.getSubcommands().get("snapshot");
        snapshot.getCommandSpec().usageMessage().footer(ExitCodes.HELP);
        OtherKeys everyCommandsKeys = everyCommandsKeys(snapshot.getCommandSpec());
        ProgramDefaults defaults = new ProgramDefaults(Setting.PROGRAM, environment, everyCommandsKeys);
        ((SnapshotCommand) snapshot.getCommand()).useDefaults(defaults);
        ProgramOptions.install(cli, defaults);
        // Added after the defaults are installed: run resolves its typed settings from flags, environment and its
        // config file itself (SettingsResolver, through the same ProgramDefaults lookup).
        CommandLine run = RunCommand.commandLine(clock, environment, everyCommandsKeys, stop);
        ProgramOptions.addFooter(run.getCommandSpec(), defaults);
        cli.addSubcommand("run", run);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("istgt-collector: internal error: " + e);
            e.printStackTrace(line.getErr());
            return ExitCodes.INTERNAL_ERROR;
        });
        return cli;
    }

    /**
     * The keys of every subcommand's config file: one file serves run and snapshot (a target pod's
     * {@code ISTGT_COLLECTOR_CONFIG} then sets up both), and each leaves the keys only the other takes alone.
     */
    private static OtherKeys everyCommandsKeys(CommandSpec snapshot) {
        Set<String> keys = new TreeSet<>(RunSettings.FILE_KEYS);
        keys.addAll(ProgramDefaults.optionNames(snapshot));
        return new OtherKeys(keys::contains, "the other subcommand's keys (one file serves run and snapshot; each"
                + " leaves the keys only the other takes alone)");
    }

    private static Duration duration(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            // picocli then prints just our message after the option's name.
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required, e.g. snapshot or run");
    }

    /** Creates the subcommands with the injected clock. */
    private record Factory(Clock clock) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == SnapshotCommand.class) {
                return type.cast(new SnapshotCommand(clock));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
