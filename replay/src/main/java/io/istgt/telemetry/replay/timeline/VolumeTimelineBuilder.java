package io.istgt.telemetry.replay.timeline;

import io.istgt.telemetry.analytics.rules.CounterDelta;
import io.istgt.telemetry.schemas.IoTotals;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.VolumeErrors;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the volume's part of the timeline from its status records, one at a time in time order: the
 * status lane, one lane per replica (modes from the volume record, which lists every replica), counter deltas
 * and rates per interval, collection gaps, unreachable spans and istgt restarts. It keeps only the open
 * interval of each lane and the closed intervals, never the records.
 */
public final class VolumeTimelineBuilder {

    /** The volume pass's result; replica intervals carry no counters yet (they come from the replica records). */
    public record VolumePass(List<Interval> volume, Map<String, List<Interval>> replicas, List<TimelineEvent> events,
                             List<Instant> targetRestarts, Optional<Duration> pollInterval, long records,
                             long staleRecords) {
    }

    private final Instant from;
    private final Instant to;
    private final ChartBuckets charts;
    private final IntervalTracker volume = new IntervalTracker();
    private final Map<String, IntervalTracker> replicas = new TreeMap<>();
    private final GapDetector gaps = new GapDetector();
    private final List<TimelineEvent> events = new ArrayList<>();
    private final List<Instant> restarts = new ArrayList<>();
    private VolumeStatus lastSuccess;
    private Instant lastAt;
    private long records;
    private long stale;
    private Instant unreachableSince;
    private long unreachablePolls;
    private String unreachableFailure;

    public VolumeTimelineBuilder(Instant from, Instant to, ChartBuckets charts) {
        this.from = from;
        this.to = to;
        this.charts = charts;
    }

    /** The next record of the volume (records before the window only prime the counters). */
    public void accept(VolumeStatus v) {
        Instant at = v.getMetadata().getCollectedAt();
        if (lastAt != null && !at.isAfter(lastAt)) {
            stale++;
            return;
        }
        lastAt = at;
        if (at.isBefore(from)) {
            if (v.getFailure() == null) {
                lastSuccess = v;
            }
            return;
        }
        records++;
        events.addAll(gaps.observe(v.getMetadata()));
        if (v.getFailure() != null) {
            unreachable(v, at);
        } else {
            reachable(v, at);
        }
    }

    public VolumePass finish() {
        Instant end = lastAt == null ? from : lastAt;
        Optional<Duration> interval = gaps.interval();
        if (lastAt != null) {
            // The last state held until the next poll would have come.
            end = interval.map(lastAt::plus).filter(t -> t.isBefore(to)).orElse(lastAt.isBefore(to) ? to : lastAt);
        }
        closeUnreachable(end);
        Map<String, List<Interval>> replicaIntervals = new TreeMap<>();
        for (Map.Entry<String, IntervalTracker> e : replicas.entrySet()) {
            replicaIntervals.put(e.getKey(), e.getValue().finish(end));
        }
        List<TimelineEvent> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing(TimelineEvent::at));
        return new VolumePass(volume.finish(end), replicaIntervals, sorted, List.copyOf(restarts), interval, records,
                stale);
    }

    private void unreachable(VolumeStatus v, Instant at) {
        String failure = v.getFailure().getKind() + ": " + v.getFailure().getMessage();
        volume.observe(at, LaneState.UNREACHABLE, failure);
        for (IntervalTracker replica : replicas.values()) {
            replica.observe(at, LaneState.UNREACHABLE, "");
        }
        if (unreachableSince == null) {
            unreachableSince = at;
            unreachablePolls = 0;
        }
        unreachablePolls++;
        unreachableFailure = failure;
    }

    private void reachable(VolumeStatus v, Instant at) {
        closeUnreachable(at);
        String status = v.getTarget() == null ? "Unknown" : v.getTarget().getStatus().name();
        volume.observe(at, LaneState.ofVolumeHealth(status), counts(v.getReplicaCounts()));
        observeReplicas(v.getReplicaCounts(), at);
        if (lastSuccess != null) {
            deltas(lastSuccess, v, at);
        }
        lastSuccess = v;
    }

    private void observeReplicas(ReplicaCounts counts, Instant at) {
        if (counts == null) {
            return;
        }
        Set<String> degraded = new HashSet<>(counts.getDegradedReplicaIds());
        Set<String> connected = new HashSet<>(counts.getConnectedReplicaIds());
        for (String id : counts.getConnectedReplicaIds()) {
            replicas.computeIfAbsent(id, k -> new IntervalTracker());
        }
        for (String id : counts.getOfflineReplicaIds()) {
            replicas.computeIfAbsent(id, k -> new IntervalTracker());
        }
        replicas.forEach((id, lane) -> lane.observe(at, connected.contains(id)
                ? (degraded.contains(id) ? LaneState.DEGRADED : LaneState.HEALTHY) : LaneState.DISCONNECTED, ""));
    }

    private void deltas(VolumeStatus before, VolumeStatus now, Instant at) {
        Long uptimeBefore = before.getTarget() == null ? null : before.getTarget().getUpTimeSeconds();
        Long uptimeNow = now.getTarget() == null ? null : now.getTarget().getUpTimeSeconds();
        boolean restarted = CounterDelta.restarted(uptimeBefore, uptimeNow);
        if (restarted) {
            events.add(new TimelineEvent.TargetRestart(at, uptimeBefore, uptimeNow));
            restarts.add(at);
        }
        IoAggregate io = volume.current();
        IoTotals a = before.getIoTotals();
        IoTotals b = now.getIoTotals();
        if (a != null && b != null) {
            long dt = Duration.between(before.getMetadata().getCollectedAt(), at).toMillis();
            long reads = delta(a.getReadCommands(), b.getReadCommands(), restarted);
            long writes = delta(a.getWriteCommands(), b.getWriteCommands(), restarted);
            long readNs = delta(a.getReadTimeNs(), b.getReadTimeNs(), restarted);
            long writeNs = delta(a.getWriteTimeNs(), b.getWriteTimeNs(), restarted);
            io.addIo(reads, writes, delta(a.getReadBytes(), b.getReadBytes(), restarted),
                    delta(a.getWriteBytes(), b.getWriteBytes(), restarted), readNs, writeNs, dt);
            charts.sum(Series.VOLUME_SECONDS, at, dt / 1000.0);
            charts.sum(Series.READ_COMMANDS, at, reads);
            charts.sum(Series.WRITE_COMMANDS, at, writes);
            charts.sum(Series.READ_TIME_NS, at, readNs);
            charts.sum(Series.WRITE_TIME_NS, at, writeNs);
        }
        VolumeErrors ea = before.getErrors();
        VolumeErrors eb = now.getErrors();
        if (ea != null && eb != null) {
            long total = error(io, ErrorCounter.MGMT_CONN, ea.getMgmtConnErrors(), eb.getMgmtConnErrors(), restarted)
                    + error(io, ErrorCounter.DATA_CONN, ea.getDataConnErrors(), eb.getDataConnErrors(), restarted)
                    + error(io, ErrorCounter.REPLICA_RESTARTS, ea.getReplicaRestarts(), eb.getReplicaRestarts(), restarted)
                    + error(io, ErrorCounter.IO_TIMEOUTS, ea.getIoTimeouts(), eb.getIoTimeouts(), restarted)
                    + error(io, ErrorCounter.IO_FAILURES, ea.getIoFailures(), eb.getIoFailures(), restarted)
                    + error(io, ErrorCounter.VERSION_MISMATCHES, ea.getVersionMismatches(), eb.getVersionMismatches(),
                    restarted);
            charts.sum(Series.VOLUME_ERRORS, at, total);
        }
    }

    private static long error(IoAggregate io, ErrorCounter counter, Long before, Long now, boolean restarted) {
        Long d = CounterDelta.of(before, now, restarted);
        if (d == null) {
            return 0;
        }
        io.addError(counter, d);
        return d;
    }

    private static long delta(long before, long now, boolean restarted) {
        return CounterDelta.of(before, now, restarted);
    }

    private void closeUnreachable(Instant end) {
        if (unreachableSince != null) {
            events.add(new TimelineEvent.Unreachable(unreachableSince, end, unreachablePolls, unreachableFailure));
            unreachableSince = null;
        }
    }

    private static String counts(ReplicaCounts c) {
        if (c == null) {
            return "";
        }
        return c.getHealthy() + " healthy, " + c.getDegraded() + " degraded, " + c.getOffline() + " offline";
    }
}
