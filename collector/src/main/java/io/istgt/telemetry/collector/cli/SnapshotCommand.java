package io.istgt.telemetry.collector.cli;

import io.istgt.telemetry.client.ClientSettings;
import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.client.TargetSession;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.SnapshotJson;
import io.istgt.telemetry.protocol.ControlProtocol;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code istgt-collector snapshot}: one snapshot of one istgt, printed, like {@code istgtcontrol} would. */
@Command(name = "snapshot",
        mixinStandardHelpOptions = true,
        description = "Take one snapshot of an istgt over its control socket and print it.")
final class SnapshotCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--socket", paramLabel = "PATH", defaultValue = ControlProtocol.DEFAULT_SOCKET_PATH,
            description = {"istgt's control socket.", "Default: ${DEFAULT-VALUE}"})
    private Path socket;

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

    private final Clock clock;

    SnapshotCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        ClientSettings settings;
        try {
            settings = ClientSettings.withTimeout(timeout).withMaxLineBytes(maxLineBytes);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("istgt-collector snapshot: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        IstgtSnapshot snapshot;
        try (TargetSession session = new TargetSession(socket, settings, clock)) {
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
}
