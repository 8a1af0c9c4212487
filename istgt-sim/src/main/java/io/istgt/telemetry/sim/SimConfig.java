package io.istgt.telemetry.sim;

import io.istgt.telemetry.sim.model.IoMix;
import io.istgt.telemetry.sim.model.ReplicationRules;
import io.istgt.telemetry.sim.wire.Pause;

import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * How emulated istgts behave. Immutable; made with {@link #builder()}:
 *
 * <pre>{@code
 * SimConfig config = SimConfig.builder().replicas(3).rebuildTime(Duration.ofSeconds(5)).clock(clock).build();
 * }</pre>
 */
public final class SimConfig {

    /** How replica ids look. */
    public enum ReplicaIds {
        /** 6161, 6162, ... as in the captures (the default for a single istgt). */
        SMALL,
        /** Random 64-bit GUIDs, some above Long.MAX_VALUE, as in production (the default for a cluster). */
        GUID
    }

    /** How long a real istgt (ISTGTSTATUS build) held ISTGTSTATUS and REPLICA back while a replica connected. */
    public static final Duration DEFAULT_HANDSHAKE_STALL = Duration.ofMillis(900);

    private final int replicationFactor;
    private final int consistencyFactor;
    private final int replicas;
    private final Duration rebuildTime;
    private final Duration idleTimeout;
    private final Duration connectStagger;
    private final boolean stock;
    private final boolean extended;
    private final double ioRate;
    private final IoMix ioMix;
    private final long seed;
    private final int volumesPerTarget;
    private final ReplicaIds replicaIds;
    private final InstantSource clock;
    private final ZoneId zone;
    private final Pause pause;
    private final long volumeSizeBytes;
    private final Duration handshakeStall;

    private SimConfig(Builder b) {
        this.replicationFactor = b.replicationFactor;
        this.consistencyFactor = b.consistencyFactor;
        this.replicas = b.replicas;
        this.rebuildTime = b.rebuildTime;
        this.idleTimeout = b.idleTimeout;
        this.connectStagger = b.connectStagger;
        this.stock = b.stock;
        this.extended = b.extended;
        this.ioRate = b.ioRate;
        this.ioMix = b.ioMix;
        this.seed = b.seed;
        this.volumesPerTarget = b.volumesPerTarget;
        this.replicaIds = b.replicaIds;
        this.clock = b.clock;
        this.zone = b.zone;
        this.pause = b.pause;
        this.volumeSizeBytes = b.volumeSizeBytes;
        this.handshakeStall = b.handshakeStall;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SimConfig defaults() {
        return builder().build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.replicationFactor = replicationFactor;
        b.consistencyFactor = consistencyFactor;
        b.replicas = replicas;
        b.rebuildTime = rebuildTime;
        b.idleTimeout = idleTimeout;
        b.connectStagger = connectStagger;
        b.stock = stock;
        b.extended = extended;
        b.ioRate = ioRate;
        b.ioMix = ioMix;
        b.seed = seed;
        b.volumesPerTarget = volumesPerTarget;
        b.replicaIds = replicaIds;
        b.clock = clock;
        b.zone = zone;
        b.pause = pause;
        b.volumeSizeBytes = volumeSizeBytes;
        b.handshakeStall = handshakeStall;
        return b;
    }

    public ReplicationRules rules() {
        return new ReplicationRules(replicationFactor, consistencyFactor);
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public int consistencyFactor() {
        return consistencyFactor;
    }

    public int replicas() {
        return replicas;
    }

    public Duration rebuildTime() {
        return rebuildTime;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration connectStagger() {
        return connectStagger;
    }

    public boolean stock() {
        return stock;
    }

    public boolean extended() {
        return extended;
    }

    public double ioRate() {
        return ioRate;
    }

    public IoMix ioMix() {
        return ioMix;
    }

    public long seed() {
        return seed;
    }

    public int volumesPerTarget() {
        return volumesPerTarget;
    }

    /** Null means: SMALL for a single istgt, GUID for a cluster. */
    public ReplicaIds replicaIds() {
        return replicaIds;
    }

    public InstantSource clock() {
        return clock;
    }

    public ZoneId zone() {
        return zone;
    }

    public Pause pause() {
        return pause;
    }

    public long volumeSizeBytes() {
        return volumeSizeBytes;
    }

    public Duration handshakeStall() {
        return handshakeStall;
    }

    /** Sets each value; {@link #build()} checks them together. */
    public static final class Builder {
        private int replicationFactor = 3;
        private int consistencyFactor = 2;
        private int replicas = 3;
        private Duration rebuildTime = Duration.ofSeconds(60);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration connectStagger = Duration.ofSeconds(1);
        private boolean stock;
        private boolean extended;
        private double ioRate = 20;
        private IoMix ioMix = IoMix.standard();
        private long seed = 1;
        private int volumesPerTarget = 1;
        private ReplicaIds replicaIds;
        private InstantSource clock = InstantSource.system();
        private ZoneId zone = ZoneOffset.UTC;
        private Pause pause = Pause.SLEEP;
        private long volumeSizeBytes = 1L << 30;
        private Duration handshakeStall = DEFAULT_HANDSHAKE_STALL;

        private Builder() {
        }

        /** Replication factor RF, default 3. */
        public Builder rf(int rf) {
            this.replicationFactor = rf;
            return this;
        }

        /** Consistency factor CF, default 2; must not exceed RF. */
        public Builder cf(int cf) {
            this.consistencyFactor = cf;
            return this;
        }

        /** Replicas per volume, default 3; those beyond RF connect outside the quorum. */
        public Builder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        /** How long a connected replica stays Degraded before it is Healthy, default 60 s. */
        public Builder rebuildTime(Duration rebuildTime) {
            this.rebuildTime = rebuildTime;
            return this;
        }

        /** istgt closes a control connection idle this long, default 60 s (real time, not the clock). */
        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        /** Replica i connects (i + 1) times this after start, default 1 s. */
        public Builder connectStagger(Duration connectStagger) {
            this.connectStagger = connectStagger;
            return this;
        }

        /** Emulate a released istgt (no ISTGTSTATUS, no replica Port), default false. */
        public Builder stock(boolean stock) {
            this.stock = stock;
            return this;
        }

        /** Add the design doc's metrics no build emits yet, default false. Conflicts with stock. */
        public Builder extended(boolean extended) {
            this.extended = extended;
            return this;
        }

        /** IO commands per second per volume while it is ready, default 20. */
        public Builder ioRate(double ioRate) {
            this.ioRate = ioRate;
            return this;
        }

        public Builder ioMix(IoMix ioMix) {
            this.ioMix = ioMix;
            return this;
        }

        /** Seeds every generated id, name and latency, default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Volumes served by one istgt, default 1. */
        public Builder volumesPerTarget(int volumesPerTarget) {
            this.volumesPerTarget = volumesPerTarget;
            return this;
        }

        public Builder replicaIds(ReplicaIds replicaIds) {
            this.replicaIds = replicaIds;
            return this;
        }

        /** The emulated time, default the system clock; pass a {@link ManualClock} to step it. */
        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /** Time zone of the build stamp in the greeting, default UTC. */
        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** How the slow-reply and stall faults and the handshake stall wait, default Thread.sleep. */
        public Builder pause(Pause pause) {
            this.pause = pause;
            return this;
        }

        /** Size of each volume, default 1 GiB. */
        public Builder volumeSizeBytes(long volumeSizeBytes) {
            this.volumeSizeBytes = volumeSizeBytes;
            return this;
        }

        /**
         * While a replica connects (its first {@code stall} after connecting), the ISTGTSTATUS build answers
         * ISTGTSTATUS and REPLICA only once that time is over; default 0.9 s, as measured on a real istgt.
         * Zero answers at once.
         */
        public Builder handshakeStall(Duration stall) {
            this.handshakeStall = stall;
            return this;
        }

        public SimConfig build() {
            new ReplicationRules(replicationFactor, consistencyFactor);
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(ioMix, "ioMix");
            if (replicas < 0 || replicas > 64) {
                throw new IllegalArgumentException("replicas must be 0..64, got " + replicas);
            }
            if (volumesPerTarget < 1) {
                throw new IllegalArgumentException("volumesPerTarget must be at least 1, got " + volumesPerTarget);
            }
            if (rebuildTime.isNegative() || connectStagger.isNegative()) {
                throw new IllegalArgumentException("rebuildTime and connectStagger must not be negative");
            }
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
            }
            if (!(ioRate >= 0) || Double.isInfinite(ioRate)) {
                throw new IllegalArgumentException("ioRate must be a finite number >= 0, got " + ioRate);
            }
            if (stock && extended) {
                throw new IllegalArgumentException("stock and extended conflict: a released istgt has no"
                        + " ISTGTSTATUS to extend");
            }
            Objects.requireNonNull(handshakeStall, "handshakeStall");
            if (handshakeStall.isNegative()) {
                throw new IllegalArgumentException("handshakeStall must not be negative, got " + handshakeStall);
            }
            if (volumeSizeBytes < 512) {
                throw new IllegalArgumentException("volumeSizeBytes must be at least 512, got " + volumeSizeBytes);
            }
            return new SimConfig(this);
        }
    }
}
