package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.client.snapshot.ReadWriteSync;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.schemas.CollectionMetadata;
import io.istgt.telemetry.schemas.MempoolUsage;
import io.istgt.telemetry.schemas.ReplicaErrors;
import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.ReplicaOpStats;
import io.istgt.telemetry.schemas.ReplicaQueues;
import io.istgt.telemetry.schemas.ReplicaStatus;
import java.util.function.Function;

/**
 * One replica of a successful poll as a {@code ReplicaStatus}. A connected replica has every value the
 * snapshot gives; a replica istgt lists only in ISTGTSTATUS {@code errors[]} has {@code connected = false} and
 * its error counts; one seen earlier in this collector run and absent now has {@code connected = false} only.
 */
final class ReplicaRecordMapper {

    private ReplicaRecordMapper() {
    }

    static ReplicaStatus replica(String iqn, ReplicaSnapshot r, CollectionMetadata metadata) {
        boolean connected = switch (r.mode()) {
            case HEALTHY, DEGRADED -> true;
            case OFFLINE -> false;
        };
        var times = r.ioTimes();
        var health = r.ioHealth();
        // The all-arguments constructors (every field given, in schema order) rather than the builders, which
        // validate each value and copy the defaults of the fields left unset: this runs for every replica of every
        // poll. The records' bytes are pinned by the benchmarks' SnapshotPathBytesTest.
        return new ReplicaStatus(metadata, iqn, r.id().value(),
                connected,
                r.address(),
                r.port(),
                switch (r.mode()) {
                    case HEALTHY -> ReplicaMode.Healthy;
                    case DEGRADED -> ReplicaMode.Degraded;
                    case OFFLINE -> null;
                },
                r.quorum(),
                r.checkpointedIoSeq(),
                r.upTimeSeconds(),
                opStats(r.inflightRead(), times == null ? null : times.readReqTimeNs(),
                        times == null ? null : times.readRespTimeNs(), health, ReadWriteSync::read),
                opStats(r.inflightWrite(), times == null ? null : times.writeReqTimeNs(),
                        times == null ? null : times.writeRespTimeNs(), health, ReadWriteSync::write),
                opStats(r.inflightSync(), null, null, health, ReadWriteSync::sync),
                queues(r.queues()),
                ProcessGroups.mgmtOps(r.mgmtRequests()),
                mempool(r.mempool()),
                errors(r.errors()),
                null);
    }

    /** A replica connected at an earlier poll of this run that no command lists now. */
    static ReplicaStatus vanished(String iqn, ReplicaId id, CollectionMetadata metadata) {
        return builder(iqn, id, metadata).setConnected(false).build();
    }

    private static ReplicaStatus.Builder builder(String iqn, ReplicaId id, CollectionMetadata metadata) {
        return ReplicaStatus.newBuilder().setMetadata(metadata).setIqn(iqn).setReplicaId(id.value());
    }

    /**
     * One opcode class; null when the in-flight count, which the record requires, is absent. The per-replica
     * started/done counts are not in any istgt reply the collector reads: null.
     */
    private static ReplicaOpStats opStats(Long inflight, Long requestTimeNs, Long responseTimeNs,
                                          io.istgt.telemetry.client.snapshot.ReplicaIoHealth health,
                                          Function<ReadWriteSync, Long> which) {
        if (inflight == null) {
            return null;
        }
        return new ReplicaOpStats(
                inflight,
                requestTimeNs,
                responseTimeNs,
                null,
                null,
                health == null ? null : part(health.timeouts(), which),
                health == null ? null : part(health.failures(), which),
                health == null ? null : part(health.versionMismatches(), which),
                health == null ? null : part(health.ioTimeNs(), which));
    }

    private static Long part(ReadWriteSync group, Function<ReadWriteSync, Long> which) {
        return group == null ? null : which.apply(group);
    }

    private static ReplicaQueues queues(io.istgt.telemetry.client.snapshot.ReplicaQueues q) {
        if (q == null || !Nulls.allPresent(q.waitQ(), q.readyQ(), q.blockedQ())) {
            return null;
        }
        return new ReplicaQueues(q.waitQ(), q.readyQ(), q.blockedQ(), null, null);
    }

    private static MempoolUsage mempool(io.istgt.telemetry.client.snapshot.MempoolUsage m) {
        if (m == null || !Nulls.allPresent(m.inflightRead(), m.inflightWrite(), m.inflightSync(), m.inflightCommand())) {
            return null;
        }
        return new MempoolUsage(m.inflightRead(), m.inflightWrite(), m.inflightSync(), m.inflightCommand());
    }

    private static ReplicaErrors errors(io.istgt.telemetry.client.snapshot.ReplicaErrorCounts e) {
        if (e == null || !Nulls.allPresent(e.mgmtConnErrors(), e.dataConnErrors())) {
            return null;
        }
        return new ReplicaErrors(e.mgmtConnErrors(), e.dataConnErrors(), e.restartCount());
    }
}
