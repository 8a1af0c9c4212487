package io.istgt.telemetry.sim.cli;

import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.Emulator;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.SimulatorCluster;
import io.istgt.telemetry.sim.event.Units;
import io.istgt.telemetry.sim.model.IoMix;
import io.istgt.telemetry.sim.scenario.Scenario;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** The options of the istgt-sim program, and how they become a running emulator. */
@Command(name = "istgt-sim", mixinStandardHelpOptions = true, showDefaultValues = true, sortOptions = false,
        version = "istgt-sim 0.1.0",
        description = {"Emulates OpenEBS cStor istgt control sockets, byte for byte as the real istgt speaks.",
                "Options come from the command line, the environment or a --config file (see below)."})
final class IstgtSimCommand {

    @Option(names = "--socket", paramLabel = "PATH",
            description = "Serve one istgt on this unix socket (e.g. /var/run/istgt_ctl_sock).")
    Path socket;

    @Option(names = "--socket-dir", paramLabel = "DIR",
            description = "Serve --volumes volumes, one istgt per socket DIR/<volume>.sock.")
    Path socketDir;

    @Option(names = "--volumes", paramLabel = "N", defaultValue = "1",
            description = "Volumes in all (with --socket-dir).")
    int volumes;

    @Option(names = "--volumes-per-target", paramLabel = "K", defaultValue = "1",
            description = "Volumes served by each istgt.")
    int volumesPerTarget;

    @Option(names = "--rf", defaultValue = "3", description = "Replication factor.")
    int rf;

    @Option(names = "--cf", defaultValue = "2", description = "Consistency factor.")
    int cf;

    @Option(names = "--replicas", defaultValue = "3", description = "Replicas per volume (beyond RF: outside the quorum).")
    int replicas;

    @Option(names = "--rebuild-time", paramLabel = "DURATION", defaultValue = "60s",
            description = "Time from a replica's connection until it is Healthy.")
    Duration rebuildTime;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Close control connections idle this long.")
    Duration idleTimeout;

    @Option(names = "--handshake-stall", paramLabel = "DURATION", defaultValue = "900ms",
            description = "While a replica connects, ISTGTSTATUS and REPLICA are answered only this long after it"
                    + " connected, as a real istgt does (0 answers at once).")
    Duration handshakeStall;

    @Option(names = "--stock", defaultValue = "false",
            description = "Emulate a released istgt: no ISTGTSTATUS, no replica Port.")
    boolean stock;

    @Option(names = "--extended", defaultValue = "false",
            description = "Add the design doc's metrics no istgt build emits yet (docs/emulator.md).")
    boolean extended;

    @Option(names = "--scenario", paramLabel = "FILE", description = "Timed events to play (docs/emulator.md).")
    Path scenario;

    @Option(names = "--io-rate", paramLabel = "IOPS", defaultValue = "20",
            description = "IO commands per second per volume while it is ready.")
    double ioRate;

    @Option(names = "--io-mix", paramLabel = "OP=W,...", defaultValue = "read10=8,read16=1,write10=8,write16=1,sync10=2",
            description = "How IO is split between SCSI commands.")
    String ioMix;

    @Option(names = "--admin-socket", paramLabel = "PATH",
            description = "Also listen here for events, one per line (docs/emulator.md).")
    Path adminSocket;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds ids, names and latencies.")
    long seed;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file of any of these options as <option>=<value> (rebuild-time=5s).")
    Path config;

    /** The configuration these options describe; every problem names its option. */
    SimConfig config() {
        if ((socket == null) == (socketDir == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "give exactly one of --socket PATH (one istgt) or --socket-dir DIR (one socket per istgt)");
        }
        if (socket != null && volumes != 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--volumes " + volumes + " needs --socket-dir; one --socket serves --volumes-per-target volumes");
        }
        try {
            return SimConfig.builder()
                    .rf(rf).cf(cf).replicas(replicas)
                    .rebuildTime(rebuildTime)
                    .idleTimeout(idleTimeout)
                    .handshakeStall(handshakeStall)
                    .stock(stock).extended(extended)
                    .ioRate(ioRate).ioMix(IoMix.parse(ioMix))
                    .seed(seed).volumesPerTarget(volumesPerTarget)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage(), e);
        }
    }

    Emulator start(SimConfig config) {
        Emulator emulator = socket != null ? EmulatedIstgt.start(socket, config)
                : SimulatorCluster.start(socketDir, volumes, config);
        if (scenario != null) {
            try {
                emulator.run(Scenario.load(scenario));
            } catch (RuntimeException e) {
                emulator.close();
                throw e;
            }
        }
        return emulator;
    }

    /** Durations as 500ms, 30s, 1m30s; picocli names the option (and where its value came from) around the message. */
    static Duration duration(String text) {
        try {
            return Units.duration(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
