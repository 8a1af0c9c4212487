package io.istgt.telemetry.sim.model;

import io.istgt.telemetry.sim.fault.Fault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One emulated istgt process: the volumes it serves, its start time, its process-wide counters and the
 * events scheduled for it. Every public method takes the current time, replays what is due by then, and
 * holds the target's lock, so concurrent connections see consistent state.
 */
public final class Target {

    private record Scheduled(Instant at, long sequence, String description, BiConsumer<Target, Instant> action) {
    }

    private final String name;
    private final TargetOptions options;
    private final List<Volume> volumes = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Scheduled> scheduled = new PriorityQueue<>(
            java.util.Comparator.comparing(Scheduled::at).thenComparingLong(Scheduled::sequence));
    private final List<Runnable> restartListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> configListeners = new CopyOnWriteArrayList<>();
    private volatile Fault fault;
    private long sequence;
    private boolean replaying;
    private Instant startedAt;
    private int nextWorkerId = 1;
    private int maxIoWait;
    private IscsiStats lastStats = IscsiStats.empty();

    public Target(String name, List<VolumeSpec> specs, TargetOptions options, Instant start) {
        this.name = name;
        this.options = options;
        this.startedAt = start;
        this.maxIoWait = options.maxIoWait();
        for (VolumeSpec spec : specs) {
            volumes.add(new Volume(spec, start, () -> nextWorkerId++));
        }
        volumes.sort(Volume.byLun());
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /** Runs {@code reader} on the state as of {@code now}, under the lock. */
    public <R> R inspect(Instant now, Function<Target, R> reader) {
        lock.lock();
        try {
            advanceTo(now);
            return reader.apply(this);
        } finally {
            lock.unlock();
        }
    }

    /** Replays everything due by {@code now}: scheduled events may switch a fault on before a request is served. */
    public void catchUp(Instant now) {
        inspect(now, t -> null);
    }

    public String name() {
        return name;
    }

    public TargetOptions options() {
        return options;
    }

    public List<Volume> volumes() {
        return List.copyOf(volumes);
    }

    public Optional<Volume> volume(String volumeName) {
        return volumes.stream().filter(v -> v.name().equals(volumeName)).findFirst();
    }

    /** Seconds since istgt (re)started, as IOSTATS UpTime. */
    public long upTimeSeconds(Instant now) {
        return Math.max(0, Duration.between(startedAt, now).toSeconds());
    }

    public int maxIoWait() {
        return maxIoWait;
    }

    public Fault fault() {
        return fault;
    }

    /**
     * How much longer a connecting replica holds ISTGTSTATUS and REPLICA back at {@code now}: a replica is
     * connecting during the handshake stall after it connected, until a request has waited it out; zero if
     * none is.
     */
    public Duration handshakeRemaining(Instant now) {
        if (options.handshakeStall().isZero()) {
            return Duration.ZERO;
        }
        return inspect(now, t -> {
            Duration longest = Duration.ZERO;
            for (Replica r : connecting(now)) {
                Duration left = Duration.between(now, r.connectedAt().plus(options.handshakeStall()));
                longest = left.compareTo(longest) > 0 ? left : longest;
            }
            return longest;
        });
    }

    /**
     * A request waited until the handshakes running at {@code now} were over: they are, also for the
     * requests after it (with a clock that does not move, only the first request waits).
     */
    public void endHandshakes(Instant now) {
        inspect(now, t -> {
            connecting(now).forEach(Replica::endHandshake);
            return null;
        });
    }

    private List<Replica> connecting(Instant now) {
        List<Replica> result = new ArrayList<>();
        for (Volume v : volumes) {
            for (Replica r : v.replicas()) {
                if (!r.handshakeWaitedOut() && !now.isBefore(r.connectedAt())
                        && now.isBefore(r.connectedAt().plus(options.handshakeStall()))) {
                    result.add(r);
                }
            }
        }
        return result;
    }

    /**
     * The STATS counters now; with {@code sinceLast} only what changed since the previous STATS (STATS 1).
     * Every STATS moves that baseline, as in istgt.
     */
    public IscsiStats.Listing stats(boolean sinceLast) {
        IscsiStats now = IscsiStats.of(volumes);
        IscsiStats.Listing result = sinceLast ? now.since(lastStats) : now.totals();
        lastStats = now;
        return result;
    }

    // ---- changing ------------------------------------------------------------------------------------------

    /** Applies {@code change} at {@code now} to the named volume. */
    public void update(Instant now, String volumeName, BiConsumer<Volume, Instant> change) {
        lock.lock();
        try {
            advanceTo(now);
            Volume v = volume(volumeName).orElseThrow(() -> new IllegalArgumentException(
                    "istgt " + name + " serves no volume " + volumeName + "; it serves "
                            + volumes.stream().map(Volume::name).toList()));
            change.accept(v, now);
            v.settle(now);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} when the clock reaches {@code at} (replayed lazily, like everything else). */
    public void schedule(Instant at, String description, BiConsumer<Target, Instant> action) {
        lock.lock();
        try {
            scheduled.add(new Scheduled(at, sequence++, description, action));
        } finally {
            lock.unlock();
        }
    }

    /**
     * istgt restarts: every counter and uptime starts from zero, the replicas reconnect as at the first start,
     * and control connections are dropped. The build stamp stays: it is the same binary.
     */
    public void restart(Instant now) {
        lock.lock();
        try {
            advanceTo(now);
            startedAt = now;
            nextWorkerId = 1;
            lastStats = IscsiStats.empty();
            for (Volume v : volumes) {
                v.restart(now);
                v.settle(now);
            }
        } finally {
            lock.unlock();
        }
        restartListeners.forEach(Runnable::run);
    }

    public void setMaxIoWait(int seconds) {
        lock.lock();
        try {
            maxIoWait = seconds;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The DRF command on a volume this istgt serves: sets its DesiredReplicationFactor and tells the
     * configuration listeners (istgt.conf). Returns false if there is no such volume.
     */
    public boolean setDesiredReplicationFactor(String volumeName, int drf) {
        boolean known;
        lock.lock();
        try {
            Optional<Volume> v = volume(volumeName);
            v.ifPresent(volume -> volume.setDesiredReplicationFactor(drf));
            known = v.isPresent();
        } finally {
            lock.unlock();
        }
        if (known) {
            configListeners.forEach(Runnable::run);
        }
        return known;
    }

    /** What istgt.conf says about each volume, in LU order. */
    public List<LogicalUnitConfig> logicalUnits() {
        lock.lock();
        try {
            return volumes.stream().map(v -> new LogicalUnitConfig(v.spec().lun(), v.name(),
                    v.spec().rules().replicationFactor(), v.spec().rules().consistencyFactor(),
                    v.desiredReplicationFactor(), v.spec().sizeBytes(), v.spec().sectorSize())).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code listener} after every change of what istgt.conf holds. */
    public void onConfigChange(Runnable listener) {
        configListeners.add(listener);
    }

    public void setFault(Fault fault) {
        this.fault = fault;
    }

    public void onRestart(Runnable listener) {
        restartListeners.add(listener);
    }

    private void advanceTo(Instant now) {
        if (!replaying) {
            replaying = true;
            try {
                Scheduled next;
                while ((next = scheduled.peek()) != null && !next.at().isAfter(now)) {
                    scheduled.poll();
                    for (Volume v : volumes) {
                        v.advanceTo(next.at());
                    }
                    next.action().accept(this, next.at());
                }
            } finally {
                replaying = false;
            }
        }
        for (Volume v : volumes) {
            v.advanceTo(now);
        }
    }
}
