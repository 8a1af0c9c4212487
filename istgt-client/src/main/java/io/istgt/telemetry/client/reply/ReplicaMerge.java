package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.IscsiConnections;
import io.istgt.telemetry.client.snapshot.IscsiSession;
import io.istgt.telemetry.client.snapshot.MempoolUsage;
import io.istgt.telemetry.client.snapshot.ReplicaErrorCounts;
import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import java.util.List;

/** Field-by-field merges of partial records from several commands. */
final class ReplicaMerge {

    private ReplicaMerge() {
    }

    /** {@code preferred}'s fields where present, {@code other}'s where not. */
    static ReplicaSnapshot merge(ReplicaSnapshot preferred, ReplicaSnapshot other) {
        return new ReplicaSnapshot(
                preferred.id(),
                preferred.mode(),
                first(preferred.address(), other.address()),
                first(preferred.port(), other.port()),
                first(preferred.quorum(), other.quorum()),
                first(preferred.checkpointedIoSeq(), other.checkpointedIoSeq()),
                first(preferred.inflightRead(), other.inflightRead()),
                first(preferred.inflightWrite(), other.inflightWrite()),
                first(preferred.inflightSync(), other.inflightSync()),
                first(preferred.upTimeSeconds(), other.upTimeSeconds()),
                first(preferred.queues(), other.queues()),
                first(preferred.mgmtRequests(), other.mgmtRequests()),
                first(preferred.ioTimes(), other.ioTimes()),
                first(preferred.mempool(), other.mempool()),
                first(preferred.errors(), other.errors()),
                first(preferred.ioHealth(), other.ioHealth()));
    }

    static ReplicaSnapshot withMempool(ReplicaSnapshot s, MempoolUsage usage) {
        return new ReplicaSnapshot(s.id(), s.mode(), s.address(), s.port(), s.quorum(), s.checkpointedIoSeq(),
                s.inflightRead(), s.inflightWrite(), s.inflightSync(), s.upTimeSeconds(), s.queues(),
                s.mgmtRequests(), s.ioTimes(), usage, s.errors(), s.ioHealth());
    }

    static ReplicaSnapshot withErrors(ReplicaSnapshot s, ReplicaErrorCounts errors) {
        return new ReplicaSnapshot(s.id(), s.mode(), s.address(), s.port(), s.quorum(), s.checkpointedIoSeq(),
                s.inflightRead(), s.inflightWrite(), s.inflightSync(), s.upTimeSeconds(), s.queues(),
                s.mgmtRequests(), s.ioTimes(), s.mempool(), errors, s.ioHealth());
    }

    static IscsiConnections withSessions(IscsiConnections c, List<IscsiSession> sessions) {
        return new IscsiConnections(c.loginRequests(), c.loginSuccesses(), c.logoutRequests(), c.logoutSuccesses(),
                c.discoveryRequests(), c.discoverySuccesses(), c.luWorkers(), c.loginDurations(), sessions);
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
