package io.istgt.telemetry.replay.timeline;

import io.istgt.telemetry.analytics.rules.CounterDelta;
import io.istgt.telemetry.schemas.ReplicaErrors;
import io.istgt.telemetry.schemas.ReplicaOpStats;
import io.istgt.telemetry.schemas.ReplicaStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds the replicas' own counters to the replica lanes the volume pass drew: each replica record's error
 * deltas go to the lane interval it falls in, its IOs in flight to the charts. Deltas are reset-aware: a
 * counter going down, or an istgt restart (seen in the volume records) in between, restarts the count.
 */
public final class ReplicaTimelineBuilder {

    private record Previous(Instant at, ReplicaErrors errors, Long ioErrors) {
    }

    private final Map<String, List<Interval>> lanes;
    private final Map<String, List<IoAggregate>> aggregates = new HashMap<>();
    private final List<Instant> targetRestarts;
    private final Instant from;
    private final ChartBuckets charts;
    private final Map<String, Previous> previous = new HashMap<>();
    private long records;

    public ReplicaTimelineBuilder(Map<String, List<Interval>> lanes, List<Instant> targetRestarts, Instant from,
                                  ChartBuckets charts) {
        this.lanes = lanes;
        this.targetRestarts = targetRestarts;
        this.from = from;
        this.charts = charts;
        lanes.forEach((id, intervals) -> {
            List<IoAggregate> list = new ArrayList<>();
            intervals.forEach(i -> list.add(new IoAggregate()));
            aggregates.put(id, list);
        });
    }

    /** The next record of a replica of the volume, in time order per replica. */
    public void accept(ReplicaStatus r) {
        Instant at = r.getMetadata().getCollectedAt();
        String id = r.getReplicaId();
        Previous before = previous.get(id);
        if (before != null && !at.isAfter(before.at())) {
            return;
        }
        previous.put(id, new Previous(at, r.getErrors(), ioErrors(r)));
        if (at.isBefore(from)) {
            return;
        }
        records++;
        long inflight = inflight(r.getRead()) + inflight(r.getWrite()) + inflight(r.getSync());
        if (r.getConnected()) {
            charts.max(Series.replicaInflight(id), at, inflight);
        }
        if (before == null || before.errors() == null || r.getErrors() == null) {
            return;
        }
        boolean restarted = targetRestarts.stream().anyMatch(t -> t.isAfter(before.at()) && !t.isAfter(at));
        ReplicaErrors a = before.errors();
        ReplicaErrors b = r.getErrors();
        long mgmt = CounterDelta.of(a.getMgmtConnErrors(), b.getMgmtConnErrors(), restarted);
        long data = CounterDelta.of(a.getDataConnErrors(), b.getDataConnErrors(), restarted);
        Long restarts = CounterDelta.of(a.getRestarts(), b.getRestarts(), restarted);
        Long io = CounterDelta.of(before.ioErrors(), ioErrors(r), restarted);
        long ioErrors = io == null ? 0 : io;
        charts.sum(Series.replicaErrors(id), at, mgmt + data + (restarts == null ? 0 : restarts) + ioErrors);
        IoAggregate lane = intervalAt(id, at);
        if (lane == null) {
            return;
        }
        lane.addError(ErrorCounter.MGMT_CONN, mgmt);
        lane.addError(ErrorCounter.DATA_CONN, data);
        if (restarts != null) {
            lane.addError(ErrorCounter.REPLICA_RESTARTS, restarts);
        }
        if (io != null) {
            lane.addError(ErrorCounter.IO_FAILURES, ioErrors);
        }
    }

    public long records() {
        return records;
    }

    /** The replica lanes with each interval's error deltas filled in. */
    public Map<String, List<Interval>> finish() {
        Map<String, List<Interval>> result = new TreeMap<>();
        lanes.forEach((id, intervals) -> {
            List<IoAggregate> ios = aggregates.get(id);
            List<Interval> filled = new ArrayList<>();
            for (int i = 0; i < intervals.size(); i++) {
                Interval in = intervals.get(i);
                filled.add(new Interval(in.start(), in.end(), in.state(), in.detail(), ios.get(i).snapshot(),
                        in.records()));
            }
            result.put(id, List.copyOf(filled));
        });
        return result;
    }

    private IoAggregate intervalAt(String id, Instant at) {
        List<Interval> intervals = lanes.get(id);
        if (intervals == null) {
            return null;
        }
        int lo = 0;
        int hi = intervals.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Interval in = intervals.get(mid);
            if (at.isBefore(in.start())) {
                hi = mid - 1;
            } else if (!at.isBefore(in.end()) && mid < intervals.size() - 1) {
                lo = mid + 1;
            } else {
                return aggregates.get(id).get(mid);
            }
        }
        return null;
    }

    /** Timeouts, failures and version mismatches of every opcode (extended metrics); null when none is given. */
    private static Long ioErrors(ReplicaStatus r) {
        Long total = null;
        for (ReplicaOpStats s : new ReplicaOpStats[] {r.getRead(), r.getWrite(), r.getSync()}) {
            if (s == null) {
                continue;
            }
            for (Long v : new Long[] {s.getTimeoutCount(), s.getFailCount(), s.getVersionMismatchCount()}) {
                if (v != null) {
                    total = (total == null ? 0 : total) + v;
                }
            }
        }
        return total;
    }

    private static long inflight(ReplicaOpStats s) {
        return s == null ? 0 : s.getInflight();
    }
}
