package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.sim.model.KnownReplica;
import io.istgt.telemetry.sim.model.LoginActivity;
import io.istgt.telemetry.sim.model.LoginHistogram;
import io.istgt.telemetry.sim.model.MgmtRequests;
import io.istgt.telemetry.sim.model.Replica;
import io.istgt.telemetry.sim.model.ScsiOp;
import io.istgt.telemetry.sim.model.Target;
import io.istgt.telemetry.sim.model.Volume;
import io.istgt.telemetry.sim.model.VolumeCounters;

import java.time.Instant;
import java.util.List;

/**
 * ISTGTSTATUS of the deep-visibility build (openebs/istgt PR 263): one json-c "spaced" object per volume, keys
 * in the order of pr263-01-ISTGTSTATUS-before-io.raw. With {@code --extended} the metrics that no build emits
 * yet are added: per replica after {@code prepareRebuildReqSuccessCnt}, and {@code loginDurationHistogram}
 * after {@code blockedQLen} (before the replica list, so it survives the 4096-byte cut).
 */
final class IstgtStatusJson {

    private IstgtStatusJson() {
    }

    static String render(Target target, Volume v, Instant now) {
        VolumeCounters c = v.counters();
        LoginActivity logins = v.loginActivity();
        boolean extended = target.options().extended();
        List<Replica> replicas = v.quorumReplicas();
        long cmdQueue = replicas.stream().mapToLong(r -> v.inflight(r, ScsiOp.Kind.READ, now)
                + v.inflight(r, ScsiOp.Kind.WRITE, now) + v.inflight(r, ScsiOp.Kind.SYNC, now)).sum();
        JsonC.Obj o = JsonC.object()
                .str("gitCommitHash", target.options().gitCommitHash())
                .str("releaseTag", target.options().releaseTag())
                .u64("loginReqCnt", logins.loginReq())
                .u64("loginReqSuccessCnt", logins.loginOk())
                .u64("logoutReqCnt", logins.logoutReq())
                .u64("logoutReqSuccessCnt", logins.logoutOk())
                .u64("discoveryReqCnt", logins.discoveryReq())
                .u64("discoveryReqSuccessCnt", logins.discoveryOk());
        for (ScsiOp op : ScsiOp.values()) {
            o.u64(op.statusKey(), c.ops(op));
        }
        o.num("luWorkers", target.options().luWorkers());
        mgmt(o, c.mgmt())
                .u64("maintCmdQLen", 0)
                .u64("maintBlockedQLen", 0)
                .u64("cmdQLen", cmdQueue)
                .u64("blockedQLen", 0);
        if (extended) {
            LoginHistogram h = logins.histogram();
            o.obj("loginDurationHistogram", JsonC.object()
                    .arr("boundsMs", LoginHistogram.BOUNDS_MS)
                    .arr("counts", h.counts().stream().map(n -> Long.toUnsignedString(n)).toList())
                    .u64("sumMs", h.sumMs()));
        }
        o.arr("replicas", replicas.stream().map(r -> replica(v, r, now, extended)).toList());
        o.arr("errors", v.knownReplicas().stream().map(IstgtStatusJson::error).toList());
        return o.render(JsonC.Style.SPACED);
    }

    /** The snapshot and rebuild request counters, named and ordered as istgt prints them, target or replica. */
    private static JsonC.Obj mgmt(JsonC.Obj o, MgmtRequests m) {
        return o.u64("snapshotCreateReqCnt", m.snapshotCreateReq())
                .u64("snapshotPrepareReqCnt", m.snapshotPrepareReq())
                .u64("snapshotCreateReqSuccessCnt", m.snapshotCreateOk())
                .u64("snapshotPrepareReqSuccessCnt", m.snapshotPrepareOk())
                .u64("startRebuildReqCnt", m.startRebuildReq())
                .u64("startRebuildReqSuccessCnt", m.startRebuildOk())
                .u64("prepareRebuildReqCnt", m.prepareRebuildReq())
                .u64("prepareRebuildReqSuccessCnt", m.prepareRebuildOk());
    }

    private static JsonC.Obj replica(Volume v, Replica r, Instant now, boolean extended) {
        JsonC.Obj o = JsonC.object()
                .str("replicaId", r.id())
                .str("Address", r.address())
                .num("Port", r.port())
                .str("Mode", r.mode().wire())
                .u64("checkpointedIOSeq", v.checkpointedIoSeq(r))
                .u64("inflightRead", v.inflight(r, ScsiOp.Kind.READ, now))
                .u64("inflightWrite", v.inflight(r, ScsiOp.Kind.WRITE, now))
                .u64("inflightSync", v.inflight(r, ScsiOp.Kind.SYNC, now))
                .str("quorum", r.quorum() ? "1" : "0")
                .num("upTime", r.upTimeSeconds(now))
                .num("waitQ", v.queueLength(r, 0, now))
                .num("readyQ", v.queueLength(r, 1, now))
                .num("blockedQ", v.queueLength(r, 2, now));
        mgmt(o, r.mgmt());
        if (extended) {
            String[] ops = {"read", "write", "sync"};
            for (Replica.IoErrorKind kind : Replica.IoErrorKind.values()) {
                String suffix = switch (kind) {
                    case TIMEOUT -> "TimeoutCnt";
                    case FAIL -> "FailCnt";
                    case VERSION_MISMATCH -> "VersionMismatchCnt";
                };
                for (ScsiOp.Kind op : ScsiOp.Kind.values()) {
                    o.u64(ops[op.ordinal()] + suffix, r.ioErrors(kind, op));
                }
            }
            for (ScsiOp.Kind op : ScsiOp.Kind.values()) {
                o.u64(ops[op.ordinal()] + "IOTimeNs", r.responseTimeNs(op));
            }
        }
        return o;
    }

    private static JsonC.Obj error(KnownReplica k) {
        return JsonC.object()
                .u64("mgmtConnErrCnt", k.mgmtConnErrors())
                .num("dataConnErrCnt", k.dataConnErrors())
                .str("poolGuid", k.id())
                .u64("restartCount", k.restarts());
    }
}
