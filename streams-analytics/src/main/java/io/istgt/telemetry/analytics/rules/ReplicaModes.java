package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.ReplicaMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replicas of one volume as last seen, and what changed in a new snapshot.
 *
 * <p>istgt has no "offline" mode on the wire: a replica that disconnects simply vanishes from the lists. So a
 * disconnection is told from a replica present in the previous snapshot and absent in this one. Because this
 * state lives in a Kafka Streams store (with a changelog), it survives a collector restart: the collector's
 * first snapshot after restarting is compared with the last one before it.
 *
 * @param modes replica id → (mode, since when), for the replicas present in the last snapshot
 */
public record ReplicaModes(Map<String, Seen> modes) {

    public record Seen(ReplicaMode mode, Instant since) {
    }

    /**
     * APPEARED, MODE_CHANGED and DISCONNECTED come from comparing snapshots; REPLACED and GONE from the volume
     * rules, when a disconnected replica's episode ends without it coming back.
     */
    public enum Kind { APPEARED, MODE_CHANGED, DISCONNECTED, REPLACED, GONE }

    /**
     * One replica's change between two snapshots.
     *
     * @param fromMode      the mode before, null for APPEARED
     * @param toMode        the mode now, null for DISCONNECTED
     * @param timeInPrevious how long the replica was in {@code fromMode}, null for APPEARED
     */
    public record Transition(String replicaId, Kind kind, ReplicaMode fromMode, ReplicaMode toMode, Instant at,
                             Duration timeInPrevious) {
    }

    /** The state and the transitions a snapshot produced. */
    public record Update(ReplicaModes next, List<Transition> transitions) {
    }

    public static final ReplicaModes NONE = new ReplicaModes(Map.of());

    public ReplicaModes {
        modes = Map.copyOf(modes);
    }

    /**
     * @param current replica id → mode in the new snapshot
     * @param at      the snapshot's collection time
     */
    public Update observe(Map<String, ReplicaMode> current, Instant at) {
        Map<String, Seen> next = new LinkedHashMap<>();
        List<Transition> transitions = new ArrayList<>();
        for (Map.Entry<String, ReplicaMode> e : current.entrySet()) {
            Seen before = modes.get(e.getKey());
            if (before == null) {
                transitions.add(new Transition(e.getKey(), Kind.APPEARED, null, e.getValue(), at, null));
                next.put(e.getKey(), new Seen(e.getValue(), at));
            } else if (before.mode() != e.getValue()) {
                transitions.add(new Transition(e.getKey(), Kind.MODE_CHANGED, before.mode(), e.getValue(), at,
                        nonNegative(Duration.between(before.since(), at))));
                next.put(e.getKey(), new Seen(e.getValue(), at));
            } else {
                next.put(e.getKey(), before);
            }
        }
        for (Map.Entry<String, Seen> e : modes.entrySet()) {
            if (!current.containsKey(e.getKey())) {
                transitions.add(new Transition(e.getKey(), Kind.DISCONNECTED, e.getValue().mode(), null, at,
                        nonNegative(Duration.between(e.getValue().since(), at))));
            }
        }
        return new Update(new ReplicaModes(next), transitions);
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
