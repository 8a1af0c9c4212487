package io.istgt.telemetry.demo;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the live view shows, built only from the records read back from the topics: each volume's latest
 * status and replica modes, how many records went through and how fast, and every alert change. Thread-safe:
 * the topic reader writes, the view reads a {@link Snapshot} once a second.
 */
final class Dashboard {

    static final int LOG_SIZE = 200;
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    /** One volume as its latest record shows it. */
    record VolumeRow(String iqn, String status, Map<String, String> replicaModes, Long upTimeSeconds,
                     Instant collectedAt, String failure) {
        String name() {
            int colon = iqn.lastIndexOf(':');
            return colon < 0 ? iqn : iqn.substring(colon + 1);
        }
    }

    /** One alert change as read from the alerts topic; {@code seq} orders the log. */
    record AlertLine(long seq, Alert alert) {
        String key() {
            return alert.getIqn() + "/" + alert.getReplicaId() + "/" + alert.getKind();
        }
    }

    /** A volume whose status changed between two of its records. */
    record StatusChange(long seq, String volume, String from, String to, Instant at) {
    }

    /** What the view reads. */
    record Snapshot(List<VolumeRow> volumes, long volumeRecords, long replicaRecords, double recordsPerSecond,
                    List<AlertLine> alertLog, List<AlertLine> active, long firing, long resolved,
                    Set<String> firedAndResolvedKinds, List<StatusChange> statusChanges, long historyBlocks,
                    long historyRecords) {
        long records() {
            return volumeRecords + replicaRecords;
        }
    }

    private final Map<String, VolumeRow> volumes = new TreeMap<>();
    private final Deque<AlertLine> alertLog = new ArrayDeque<>();
    private final Map<String, AlertLine> active = new LinkedHashMap<>();
    private final Set<String> firedKeys = new HashSet<>();
    private final Set<String> firedAndResolvedKinds = new java.util.TreeSet<>();
    private final Deque<StatusChange> statusChanges = new ArrayDeque<>();
    private final Deque<long[]> rateSamples = new ArrayDeque<>();
    private long volumeRecords;
    private long replicaRecords;
    private long firing;
    private long resolved;
    private long historyBlocks;
    private long historyRecords;
    private long seq;

    synchronized void onVolume(VolumeStatus v) {
        volumeRecords++;
        String status;
        Map<String, String> modes = new LinkedHashMap<>();
        String failure = null;
        Long upTime = null;
        if (v.getFailure() != null) {
            status = "Unreachable";
            failure = v.getFailure().getKind() + ": " + v.getFailure().getMessage();
            VolumeRow previous = volumes.get(v.getIqn());
            if (previous != null) {
                modes.putAll(previous.replicaModes());
            }
        } else {
            status = v.getTarget() == null ? "?" : v.getTarget().getStatus().name();
            upTime = v.getTarget() == null ? null : v.getTarget().getUpTimeSeconds();
            ReplicaCounts counts = v.getReplicaCounts();
            if (counts != null) {
                Set<String> degraded = new HashSet<>(counts.getDegradedReplicaIds());
                for (String id : counts.getConnectedReplicaIds()) {
                    modes.put(id, degraded.contains(id) ? "Degraded" : "Healthy");
                }
                for (String id : counts.getOfflineReplicaIds()) {
                    modes.putIfAbsent(id, "offline");
                }
            }
        }
        VolumeRow row = new VolumeRow(v.getIqn(), status, java.util.Collections.unmodifiableMap(sorted(modes)), upTime,
                v.getMetadata().getCollectedAt(), failure);
        VolumeRow previous = volumes.put(v.getIqn(), row);
        if (previous != null && !previous.status().equals(status)) {
            add(statusChanges, new StatusChange(++seq, row.name(), previous.status(), status,
                    v.getMetadata().getCollectedAt()));
        }
    }

    synchronized void onReplica() {
        replicaRecords++;
    }

    /** A block of a history topic, holding {@code records} status records. */
    synchronized void onHistoryBlock(int records) {
        historyBlocks++;
        historyRecords += records;
    }

    synchronized void onAlert(Alert alert) {
        AlertLine line = new AlertLine(++seq, alert);
        add(alertLog, line);
        if (alert.getState() == AlertState.FIRING) {
            firing++;
            active.put(line.key(), line);
            firedKeys.add(line.key());
        } else {
            resolved++;
            active.remove(line.key());
            if (firedKeys.contains(line.key())) {
                firedAndResolvedKinds.add(alert.getKind().name());
            }
        }
    }

    /** The current state; {@code nowNanos} dates the sample the records rate is computed from. */
    synchronized Snapshot snapshot(long nowNanos) {
        long total = volumeRecords + replicaRecords;
        rateSamples.addLast(new long[] {nowNanos, total});
        while (rateSamples.size() > 2 && nowNanos - rateSamples.peekFirst()[0] > RATE_WINDOW_NANOS) {
            rateSamples.removeFirst();
        }
        long[] oldest = rateSamples.peekFirst();
        double seconds = (nowNanos - oldest[0]) / 1e9;
        double rate = seconds <= 0 ? 0 : (total - oldest[1]) / seconds;
        return new Snapshot(List.copyOf(volumes.values()), volumeRecords, replicaRecords, rate, List.copyOf(alertLog),
                List.copyOf(active.values()), firing, resolved, Set.copyOf(firedAndResolvedKinds),
                List.copyOf(statusChanges), historyBlocks, historyRecords);
    }

    synchronized Optional<VolumeRow> volume(String iqn) {
        return Optional.ofNullable(volumes.get(iqn));
    }

    private static <T> void add(Deque<T> log, T item) {
        log.addLast(item);
        while (log.size() > LOG_SIZE) {
            log.removeFirst();
        }
    }

    private static Map<String, String> sorted(Map<String, String> modes) {
        List<String> ids = new ArrayList<>(modes.keySet());
        ids.sort(java.util.Comparator.comparing((String id) -> id.length()).thenComparing(id -> id));
        Map<String, String> ordered = new LinkedHashMap<>();
        ids.forEach(id -> ordered.put(id, modes.get(id)));
        return ordered;
    }
}
