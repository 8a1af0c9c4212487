package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.collector.snapshot.ReadWriteSync;
import io.istgt.telemetry.collector.snapshot.ReplicaId;
import io.istgt.telemetry.collector.snapshot.ReplicaSnapshot;
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
        return builder(iqn, r.id(), metadata)
                .setConnected(connected)
                .setAddress(r.address())
                .setPort(r.port())
                .setMode(switch (r.mode()) {
                    case HEALTHY -> ReplicaMode.Healthy;
                    case DEGRADED -> ReplicaMode.Degraded;
                    case OFFLINE -> null;
                })
                .setInQuorum(r.quorum())
                .setCheckpointedIoSeq(r.checkpointedIoSeq())
                .setUpTimeSeconds(r.upTimeSeconds())
                .setRead(opStats(r.inflightRead(), times == null ? null : times.readReqTimeNs(),
                        times == null ? null : times.readRespTimeNs(), health, ReadWriteSync::read))
                .setWrite(opStats(r.inflightWrite(), times == null ? null : times.writeReqTimeNs(),
                        times == null ? null : times.writeRespTimeNs(), health, ReadWriteSync::write))
                .setSync(opStats(r.inflightSync(), null, null, health, ReadWriteSync::sync))
                .setQueues(queues(r.queues()))
                .setMgmtOps(ProcessGroups.mgmtOps(r.mgmtRequests()))
                .setMempool(mempool(r.mempool()))
                .setErrors(errors(r.errors()))
                .setCapacity(null)
                .build();
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
                                          io.istgt.telemetry.collector.snapshot.ReplicaIoHealth health,
                                          Function<ReadWriteSync, Long> which) {
        if (inflight == null) {
            return null;
        }
        return ReplicaOpStats.newBuilder()
                .setInflight(inflight)
                .setRequestTimeNs(requestTimeNs)
                .setResponseTimeNs(responseTimeNs)
                .setStarted(null)
                .setDone(null)
                .setTimeoutCount(health == null ? null : part(health.timeouts(), which))
                .setFailCount(health == null ? null : part(health.failures(), which))
                .setVersionMismatchCount(health == null ? null : part(health.versionMismatches(), which))
                .setIoTimeNs(health == null ? null : part(health.ioTimeNs(), which))
                .build();
    }

    private static Long part(ReadWriteSync group, Function<ReadWriteSync, Long> which) {
        return group == null ? null : which.apply(group);
    }

    private static ReplicaQueues queues(io.istgt.telemetry.collector.snapshot.ReplicaQueues q) {
        if (q == null || !Nulls.allPresent(q.waitQ(), q.readyQ(), q.blockedQ())) {
            return null;
        }
        return ReplicaQueues.newBuilder()
                .setWaitQueueLength(q.waitQ())
                .setReadyQueueLength(q.readyQ())
                .setBlockedQueueLength(q.blockedQ())
                .setDispatchedQueueLength(null)
                .setDoneQueueLength(null)
                .build();
    }

    private static MempoolUsage mempool(io.istgt.telemetry.collector.snapshot.MempoolUsage m) {
        if (m == null || !Nulls.allPresent(m.inflightRead(), m.inflightWrite(), m.inflightSync(), m.inflightCommand())) {
            return null;
        }
        return MempoolUsage.newBuilder()
                .setInflightRead(m.inflightRead())
                .setInflightWrite(m.inflightWrite())
                .setInflightSync(m.inflightSync())
                .setInflightCommand(m.inflightCommand())
                .build();
    }

    private static ReplicaErrors errors(io.istgt.telemetry.collector.snapshot.ReplicaErrorCounts e) {
        if (e == null || !Nulls.allPresent(e.mgmtConnErrors(), e.dataConnErrors())) {
            return null;
        }
        return ReplicaErrors.newBuilder()
                .setMgmtConnErrors(e.mgmtConnErrors())
                .setDataConnErrors(e.dataConnErrors())
                .setRestarts(e.restartCount())
                .build();
    }
}
