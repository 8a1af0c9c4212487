package io.istgt.telemetry.sim.model;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The replicas of one volume as istgt tracks them: the connected ones in connection order (its {@code rq}),
 * every one seen since istgt started (its identified replicas, ISTGTSTATUS {@code errors[]}), the connections
 * due, and the rebuilds in progress. Not thread-safe: the owning {@link Target} serialises access.
 */
final class ReplicaSet {

    private final VolumeSpec spec;
    private final IoTiming timing;
    private final SplittableRandom portRandom;
    private final Deque<Integer> firstPorts;
    private final Map<Long, ReplicaPool> pools = new LinkedHashMap<>();
    private final List<Replica> connected = new ArrayList<>();
    private final Map<Long, KnownReplica> known = new LinkedHashMap<>();
    private final Map<Long, Instant> pendingConnects = new LinkedHashMap<>();
    private final Map<Long, Integer> pendingRebuildFailures = new HashMap<>();

    ReplicaSet(VolumeSpec spec, IoTiming timing, Instant start) {
        this.spec = spec;
        this.timing = timing;
        this.portRandom = new SplittableRandom(spec.seed() + 17);
        this.firstPorts = new ArrayDeque<>(spec.firstPorts());
        spec.pools().forEach(p -> pools.put(p.guid(), p));
        scheduleConnects(start, List.copyOf(pools.keySet()));
    }

    /** The next moment a replica connects, starts or finishes a rebuild; null if none is due. */
    Instant nextTransition() {
        Instant next = null;
        for (Instant at : pendingConnects.values()) {
            next = earliest(next, at);
        }
        for (Replica r : connected) {
            next = earliest(next, r.nextTransition());
        }
        return next;
    }

    /** Applies every change due at {@code t}; rebuild requests are counted in {@code counters}. */
    void applyTransitionsAt(Instant t, VolumeCounters counters) {
        List<Long> due = pendingConnects.entrySet().stream().filter(e -> !e.getValue().isAfter(t))
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
        due.forEach(guid -> connect(guid, t));
        for (Replica r : connected) {
            if (!r.rebuildStarted() && !r.rebuildStartAt().isAfter(t)) {
                startRebuild(r, t, counters);
            }
            if (r.rebuildStarted() && r.mode() == ReplicaMode.DEGRADED && !r.healthyAt().isAfter(t)) {
                r.becomeHealthy();
            }
        }
    }

    private void startRebuild(Replica r, Instant t, VolumeCounters counters) {
        int failures = pendingRebuildFailures.getOrDefault(r.guid(), 0);
        boolean ok = failures == 0;
        r.startRebuild(ok);
        counters.mgmt.rebuild(ok);
        if (!ok) {
            pendingRebuildFailures.put(r.guid(), failures - 1);
            known.get(r.guid()).addMgmtErrors(1);
            // istgt retries the rebuild: the whole wait starts over from the failure.
            r.scheduleRebuild(t, spec.rebuildTime());
        }
    }

    /** A (re)connection: a fresh replica, Degraded; a known id counts a restart in its errors[] entry. */
    Replica connect(long guid, Instant now) {
        if (find(guid) != null) {
            throw new IllegalArgumentException("replica " + Long.toUnsignedString(guid) + " of volume " + spec.name()
                    + " is already connected");
        }
        pendingConnects.remove(guid);
        ReplicaPool pool = pools.computeIfAbsent(guid, g -> new ReplicaPool(g, defaultAddress(), true));
        int port = firstPorts.isEmpty() ? 40000 + portRandom.nextInt(20000) : firstPorts.poll();
        Replica replica = new Replica(guid, pool.address(), port, pool.quorum(), now, spec.rebuildTime(),
                ReplicaTiming.derive(spec.seed(), guid, timing));
        connected.add(replica);
        KnownReplica entry = known.get(guid);
        if (entry == null) {
            known.put(guid, new KnownReplica(guid));
        } else {
            entry.countRestart();
        }
        return replica;
    }

    /** A replica drops both its connections: each counts as a connection error in its errors[] entry. */
    void disconnect(long guid) {
        connected.remove(require(guid));
        known.get(guid).addMgmtErrors(1);
        known.get(guid).addDataErrors(1);
    }

    void addConnectionErrors(long guid, long mgmt, long data) {
        KnownReplica entry = known.get(guid);
        if (entry == null) {
            throw new IllegalArgumentException("volume " + spec.name() + " has never seen replica "
                    + Long.toUnsignedString(guid) + "; known: " + known.values().stream().map(KnownReplica::id).toList());
        }
        entry.addMgmtErrors(mgmt);
        entry.addDataErrors(data);
    }

    void failRebuilds(long guid, int count) {
        if (!pools.containsKey(guid)) {
            throw new IllegalArgumentException("volume " + spec.name() + " has no replica "
                    + Long.toUnsignedString(guid) + "; replicas: " + pools.values().stream().map(ReplicaPool::id).toList());
        }
        pendingRebuildFailures.merge(guid, count, Integer::sum);
    }

    /** istgt restarted: it knows no replica; those that were connected (or due) come back one by one. */
    void restart(Instant at) {
        List<Long> reconnect = new ArrayList<>(connected.stream().map(Replica::guid).toList());
        reconnect.addAll(pendingConnects.keySet());
        connected.clear();
        known.clear();
        pendingConnects.clear();
        pendingRebuildFailures.clear();
        scheduleConnects(at, reconnect);
    }

    private void scheduleConnects(Instant start, List<Long> guids) {
        for (int i = 0; i < guids.size(); i++) {
            pendingConnects.put(guids.get(i), start.plus(spec.connectStagger().multipliedBy(i + 1)));
        }
    }

    List<Replica> connected() {
        return connected;
    }

    List<Replica> quorum() {
        return connected.stream().filter(Replica::quorum).toList();
    }

    List<KnownReplica> known() {
        return List.copyOf(known.values());
    }

    int count(ReplicaMode mode) {
        return (int) connected.stream().filter(r -> r.quorum() && r.mode() == mode).count();
    }

    Replica require(long guid) {
        Replica r = find(guid);
        if (r == null) {
            throw new IllegalArgumentException("volume " + spec.name() + " has no connected replica "
                    + Long.toUnsignedString(guid) + "; connected: " + connected.stream().map(Replica::id).toList());
        }
        return r;
    }

    private Replica find(long guid) {
        return connected.stream().filter(r -> r.guid() == guid).findFirst().orElse(null);
    }

    private String defaultAddress() {
        return spec.pools().isEmpty() ? "127.0.0.1" : spec.pools().get(0).address();
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
