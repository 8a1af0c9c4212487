package io.istgt.telemetry.sim;

import io.istgt.telemetry.sim.conf.IstgtConf;
import io.istgt.telemetry.sim.event.EventApplier;
import io.istgt.telemetry.sim.event.SimEvent;
import io.istgt.telemetry.sim.fault.Fault;
import io.istgt.telemetry.sim.model.Target;
import io.istgt.telemetry.sim.model.TargetOptions;
import io.istgt.telemetry.sim.model.Volume;
import io.istgt.telemetry.sim.model.VolumeSpec;
import io.istgt.telemetry.sim.model.VolumeStatus;
import io.istgt.telemetry.sim.scenario.Scenario;
import io.istgt.telemetry.sim.server.UnixSocketServer;
import io.istgt.telemetry.sim.wire.BuildStamp;
import io.istgt.telemetry.sim.wire.ControlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One emulated istgt listening on a unix socket, indistinguishable on the wire from the real one. The entry
 * point for tests that need an istgt:
 *
 * <pre>{@code
 * try (EmulatedIstgt istgt = EmulatedIstgt.start(tempDir.resolve("istgt.sock"))) {
 *     istgt.apply("vol1 replica-disconnect 6162");
 *     istgt.fault(Fault.stall());
 *     ...
 * }
 * }</pre>
 *
 * By default it serves {@code vol1} (iqn.2016-09.com.openebs.cstor:vol1) with replicas 6161, 6162, 6163 that
 * connect 1, 2 and 3 s after start and turn Healthy after the rebuild time; see {@link SimConfig}. Beside its
 * socket it keeps its istgt.conf ({@link #confPath()}), rewritten when a DRF command changes it.
 */
public final class EmulatedIstgt implements Emulator {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatedIstgt.class);
    private static final AtomicLong SESSIONS = new AtomicLong();

    private final Target target;
    private final UnixSocketServer server;
    private final SimConfig config;
    private final Instant startedAt;
    private final Path confPath;

    private EmulatedIstgt(Target target, UnixSocketServer server, SimConfig config, Instant startedAt) {
        this.target = target;
        this.server = server;
        this.config = config;
        this.startedAt = startedAt;
        this.confPath = IstgtConf.pathFor(server.path());
    }

    /** Starts an istgt with the default configuration on {@code socket}. */
    public static EmulatedIstgt start(Path socket) {
        return start(socket, SimConfig.defaults());
    }

    /** Starts an istgt on {@code socket}, removing a stale socket file first. */
    public static EmulatedIstgt start(Path socket, SimConfig config) {
        Instant now = config.clock().instant();
        return launch(socket, "istgt", VolumePlans.single(config), config, now, BuildStamp.of(now, config.zone()));
    }

    static EmulatedIstgt launch(Path socket, String name, List<VolumeSpec> specs, SimConfig config, Instant start,
                                String buildStamp) {
        TargetOptions options = new TargetOptions(config.stock(), config.extended(), buildStamp, 6, 120,
                "127.0.0.1", TargetOptions.PR263_COMMIT, TargetOptions.PR263_TAG, config.handshakeStall());
        Target target = new Target(name, specs, options, start);
        UnixSocketServer server = UnixSocketServer.start(socket, s -> new ControlSession(s, target, config.clock(),
                config.idleTimeout(), config.pause(), config.seed() ^ SESSIONS.incrementAndGet()));
        target.onRestart(server::dropConnections);
        EmulatedIstgt istgt = new EmulatedIstgt(target, server, config, start);
        try {
            istgt.writeConf();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        target.onConfigChange(() -> {
            try {
                istgt.writeConf();
            } catch (java.io.UncheckedIOException e) {
                LOG.warn("istgt {}: istgt.conf not updated", name, e);
            }
        });
        return istgt;
    }

    // Serialised, so that the last write holds the latest state.
    private synchronized void writeConf() {
        IstgtConf.write(confPath, IstgtConf.render(target.options().portalAddress(), target.logicalUnits()));
    }

    public Path socketPath() {
        return server.path();
    }

    /** This istgt's istgt.conf: the socket's path with {@code .conf} appended. */
    public Path confPath() {
        return confPath;
    }

    /** The names of the volumes this istgt serves, e.g. {@code [vol1]}. */
    public List<String> volumes() {
        return target.volumes().stream().map(Volume::name).toList();
    }

    /** The iqn of a volume, e.g. {@code iqn.2016-09.com.openebs.cstor:vol1}. */
    public String iqn(String volume) {
        return target.volume(volume).map(Volume::iqn)
                .orElseThrow(() -> new IllegalArgumentException("no volume " + volume + " here: " + volumes()));
    }

    /** The status istgt reports for a volume right now. */
    public VolumeStatus status(String volume) {
        return target.inspect(config.clock().instant(), t -> t.volume(volume).orElseThrow(
                () -> new IllegalArgumentException("no volume " + volume + " here: " + volumes())).status());
    }

    /** Replica ids of a volume as istgt lists them now (connected replicas, in connection order). */
    public List<String> replicaIds(String volume) {
        return target.inspect(config.clock().instant(), t -> t.volume(volume).orElseThrow(
                () -> new IllegalArgumentException("no volume " + volume + " here: " + volumes()))
                .replicas().stream().map(r -> r.id()).toList());
    }

    @Override
    public void apply(SimEvent event) {
        if (!SimEvent.ALL.equals(event.volume()) && target.volume(event.volume()).isEmpty()) {
            throw new IllegalArgumentException("istgt " + socketPath() + " serves no volume " + event.volume()
                    + "; it serves " + volumes());
        }
        EventApplier.apply(event, target, config.clock().instant());
    }

    /** Schedules an event at {@code offset} after this istgt started (replayed when the clock gets there). */
    public void schedule(Duration offset, SimEvent event) {
        Instant at = startedAt.plus(offset);
        target.schedule(at, event.toString(), (t, when) -> {
            try {
                EventApplier.apply(event, t, when);
            } catch (IllegalArgumentException e) {
                LOG.warn("scheduled event {} at +{} could not be applied on {}", event, offset, socketPath(), e);
            }
        });
    }

    @Override
    public void run(Scenario scenario) {
        scenario.steps().forEach(step -> schedule(step.offset(), step.event()));
    }

    /** Switches a fault on for every new request; see {@link Fault}. */
    public void fault(Fault fault) {
        target.setFault(fault);
    }

    public void clearFault() {
        target.setFault(null);
    }

    /** istgt restarts: counters and uptime from zero, replicas reconnect, control connections are dropped. */
    public void restart() {
        target.restart(config.clock().instant());
    }

    Target target() {
        return target;
    }

    /** Stops serving and removes the socket and istgt.conf files. */
    @Override
    public void close() {
        server.close();
        try {
            Files.deleteIfExists(confPath);
        } catch (IOException e) {
            LOG.warn("cannot remove {}", confPath, e);
        }
    }
}
