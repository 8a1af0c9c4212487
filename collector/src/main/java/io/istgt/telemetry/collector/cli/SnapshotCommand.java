package io.istgt.telemetry.collector.cli;

import io.istgt.telemetry.client.ClientSettings;
import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.client.TargetSession;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.SnapshotJson;
import io.istgt.telemetry.collector.config.RunSettings;
import io.istgt.telemetry.collector.config.SettingException;
import io.istgt.telemetry.options.ConfigFile;
import io.istgt.telemetry.options.ConfigFileException;
import io.istgt.telemetry.options.ProgramDefaults;
import io.istgt.telemetry.protocol.ControlProtocol;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code istgt-collector snapshot}: one snapshot of one istgt, printed, like {@code istgtcontrol} would.
 *
 * <p>It reads the same environment and {@code --config} file as {@code run}, so that in a target pod whose collector
 * is set up by {@code ISTGT_COLLECTOR_CONFIG}, {@code istgt-collector snapshot} alone polls the same istgt. Its socket
 * is written as {@code run}'s ({@code [NAME=]PATH}, comma-separated in the file and the environment); it polls one,
 * so a list of several, or a file that finds its sockets in a directory, is refused with what to give instead.
 */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = "Take one snapshot of an istgt over its control socket and print it.")
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--socket", paramLabel = "[NAME=]PATH", defaultValue = ControlProtocol.DEFAULT_SOCKET_PATH,
            description = {"istgt's control socket, written as for run (its NAME is not used here).",
                "Default: ${DEFAULT-VALUE}"})
    private String socket;

    @Option(names = "--format", paramLabel = "json|text", defaultValue = "json",
            description = "json (stable field names; absent values are null) or text (a summary). "
                    + "Default: ${DEFAULT-VALUE}")
    private OutputFormat format;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            description = "Limit for connecting, for each read, and for each whole request, e.g. 500ms, 10s, 1m."
                    + " Default: ${DEFAULT-VALUE}")
    private Duration timeout;

    @Option(names = "--max-line-bytes", paramLabel = "BYTES", defaultValue = "65536",
            description = "Longest reply line accepted; istgt's are at most 4096 bytes."
                    + " Default: ${DEFAULT-VALUE}")
    private int maxLineBytes;

    @Option(names = "--" + ProgramDefaults.CONFIG, paramLabel = "FILE",
            description = "Properties file of the collector's settings, the one run reads: snapshot takes socket,"
                    + " timeout and max-line-bytes from it and leaves run's other keys to run.")
    private Path config; // read by ProgramDefaults, through the parsed option, before any other option's value

    private final Clock clock;
    private ProgramDefaults defaults;

    SnapshotCommand(Clock clock) {
        this.clock = clock;
    }

    /** Where the options' values come from, for messages naming it (the command line's defaults provider). */
    void useDefaults(ProgramDefaults defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    @Override
    public Integer call() {
        Path socketPath;
        try {
            socketPath = socketPath();
        } catch (IllegalArgumentException | ConfigFileException | SettingException e) {
            spec.commandLine().getErr().println("istgt-collector snapshot: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        ClientSettings settings;
        try {
            settings = ClientSettings.withTimeout(timeout).withMaxLineBytes(maxLineBytes);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("istgt-collector snapshot: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        IstgtSnapshot snapshot;
        try (TargetSession session = new TargetSession(socketPath, settings, clock)) {
            snapshot = session.poll();
        } catch (IstgtControlException e) {
            spec.commandLine().getErr().println("istgt-collector: " + e.getMessage() + ": "
                    + ExitCodes.advice(e.kind(), e.socketPath()));
            return ExitCodes.of(e.kind());
        }
        String out = switch (format) {
            case json -> SnapshotJson.write(snapshot);
            case text -> SnapshotText.format(snapshot);
        };
        spec.commandLine().getOut().println(out);
        spec.commandLine().getOut().flush();
        for (String warning : snapshot.warnings()) {
            spec.commandLine().getErr().println("istgt-collector: warning: " + warning);
        }
        return ExitCodes.OK;
    }

    /**
     * The one socket to poll. A value from the environment or the file is {@code run}'s list; one typed on the
     * command line is a single socket, as for {@code run}.
     */
    private Path socketPath() throws SettingException {
        OptionSpec option = spec.findOption("--socket");
        String source = defaults.sourceOf(option);
        boolean typed = !option.originalStringValues().isEmpty();
        List<String> values = typed ? List.of(socket) : RunSettings.SOCKET.values(socket);
        if (values.size() != 1) {
            throw new IllegalArgumentException("socket from " + source + " names " + values.size() + " istgts ("
                    + String.join(", ", values) + "): snapshot polls one; give --socket [NAME=]PATH");
        }
        boolean set = typed || defaults.find("socket", defaults.configFile(spec)).isPresent();
        if (!set) {
            for (String layout : List.of("socket-dir", "kubelet-pods-dir")) {
                Optional<ProgramDefaults.Found> found = runSetting(layout);
                if (found.isPresent()) {
                    throw new IllegalArgumentException(found.get().source() + " sets " + layout + " "
                            + found.get().value() + " and no socket: snapshot polls one socket; give --socket PATH,"
                            + " one of the sockets run finds there");
                }
            }
        }
        return RunSettings.parse(RunSettings.SOCKET, values.getFirst(), source).path();
    }

    /** A setting of {@code run}'s that snapshot has no option for, from the environment or the config file. */
    private Optional<ProgramDefaults.Found> runSetting(String key) {
        Optional<ConfigFile> file = defaults.configFile(spec);
        return defaults.fromEnvironment(key).or(() -> file.flatMap(f -> Optional.ofNullable(f.others().get(key))
                .filter(v -> !v.isBlank()).map(v -> new ProgramDefaults.Found(v, f.description()))));
    }
}
