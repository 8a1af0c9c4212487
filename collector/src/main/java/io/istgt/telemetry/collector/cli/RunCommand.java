package io.istgt.telemetry.collector.cli;

import io.istgt.telemetry.collector.app.CollectorApp;
import io.istgt.telemetry.collector.app.StartException;
import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.RunSettings;
import io.istgt.telemetry.collector.config.Setting;
import io.istgt.telemetry.collector.config.SettingException;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.options.OtherKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code istgt-collector run}: polls istgts and publishes their records until SIGTERM or Ctrl-C. Its options are
 * generated from {@link RunSettings}, where each is declared once, so that {@code --help}, the environment
 * variables and the {@code --config} keys cannot drift apart.
 */
final class RunCommand implements Callable<Integer> {

    /** After the footer program-options puts first: how every option is also set. */
    static final String[] FOOTER = {
        "Lists (--socket) are comma-separated in the environment and the config file.",
        "",
        "Exit codes: 0 stopped by SIGTERM/Ctrl-C, 2 invalid setting, 3 cannot start (topics, spool directory, HTTP port).",
    };
    static final int CANNOT_START = 3;

    /** How the command waits to be told to stop; the program waits for SIGTERM or Ctrl-C. */
    interface StopSignal {
        void await() throws InterruptedException;
    }

    private final Clock clock;
    private final Map<String, String> environment;
    private final OtherKeys alsoInFile;
    private final StopSignal stop;
    private CommandSpec spec;

    private RunCommand(Clock clock, Map<String, String> environment, OtherKeys alsoInFile, StopSignal stop) {
        this.clock = clock;
        this.environment = environment;
        this.alsoInFile = alsoInFile;
        this.stop = stop;
    }

    /**
     * The {@code run} subcommand's command line, its options built from {@link RunSettings#ALL}.
     *
     * @param alsoInFile the keys its config file may hold besides run's settings (the other subcommands')
     */
    static CommandLine commandLine(Clock clock, Map<String, String> environment, OtherKeys alsoInFile,
                                   StopSignal stop) {
        RunCommand command = new RunCommand(clock, environment, alsoInFile, stop);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name("run").mixinStandardHelpOptions(true);
        spec.usageMessage()
                .sortOptions(false)
                .description("Poll istgt control sockets on an interval and publish their status to Kafka as Avro"
                        + " records (topics istgt.volume.status and istgt.replica.status by default).")
                .footer(FOOTER);
        for (Setting<?> s : RunSettings.ALL) {
            OptionSpec.Builder option = OptionSpec.builder(s.option())
                    .description(s.doc() + (s.defaultText() == null ? "" : " Default: " + s.defaultText() + "."))
                    .hasInitialValue(false);
            if (s.flag()) {
                option.arity("0").type(boolean.class);
            } else if (s.multiple()) {
                option.arity("1").type(List.class).auxiliaryTypes(String.class).paramLabel(s.label());
            } else {
                option.arity("1").type(String.class).paramLabel(s.label());
            }
            spec.addOption(option.build());
        }
        command.spec = spec;
        return new CommandLine(spec);
    }

    @Override
    public Integer call() throws InterruptedException {
        CommandLine cli = spec.commandLine();
        RunConfig config;
        try {
            config = new SettingsResolver(environment, RunCommand::hostname, alsoInFile).resolve(given(cli.getParseResult()));
        } catch (SettingException e) {
            cli.getErr().println("istgt-collector run: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CollectorApp app;
        try {
            app = CollectorApp.start(config, clock);
        } catch (StartException e) {
            cli.getErr().println("istgt-collector run: cannot start: " + e.getMessage());
            return CANNOT_START;
        }
        try {
            stop.await();
        } finally {
            app.close();
        }
        return ExitCodes.OK;
    }

    /** The options given on the command line, as the text typed. */
    private static Map<String, List<String>> given(CommandLine.ParseResult parsed) {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        for (OptionSpec option : parsed.matchedOptions()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String key = option.longestName().substring(2);
            List<String> values = option.arity().max() == 0 ? List.of("true") : option.originalStringValues();
            flags.put(key, List.copyOf(values));
        }
        return flags;
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot find this host's name for collector-id; set --collector-id", e);
        }
    }
}
