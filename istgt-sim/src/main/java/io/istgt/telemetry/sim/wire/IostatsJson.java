package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.sim.model.Replica;
import io.istgt.telemetry.sim.model.ScsiOp;
import io.istgt.telemetry.sim.model.Target;
import io.istgt.telemetry.sim.model.Volume;
import io.istgt.telemetry.sim.model.VolumeCounters;

import java.time.Instant;
import java.util.List;

/**
 * IOSTATS: one json-c "spaced" object per volume, keys in the order of 05-after-io-IOSTATS.raw. The
 * deep-visibility build adds the replica's {@code Port} after {@code Address} (pr263-03-IOSTATS-after-io.raw).
 */
final class IostatsJson {

    private IostatsJson() {
    }

    static String render(Target target, Volume v, Instant now) {
        VolumeCounters c = v.counters();
        int sector = v.spec().sectorSize();
        List<JsonC.Obj> replicas = v.quorumReplicas().stream().map(r -> replica(target, v, r, now)).toList();
        return JsonC.object()
                .str("iqn", v.iqn())
                .u64("WriteIOPS", c.ops(ScsiOp.Kind.WRITE))
                .u64("ReadIOPS", c.ops(ScsiOp.Kind.READ))
                .u64("TotalWriteBytes", c.blocks(ScsiOp.Kind.WRITE) * sector)
                .u64("TotalReadBytes", c.blocks(ScsiOp.Kind.READ) * sector)
                .u64("Size", v.spec().sizeBytes())
                .u64("UsedLogicalBlocks", v.usedLogicalBlocks())
                .u64("SectorSize", sector)
                .u64("UpTime", target.upTimeSeconds(now))
                .u64("TotalReadTime", c.totalTimeNs(ScsiOp.Kind.READ))
                .u64("LUTotalReadTime", c.luTimeNs(ScsiOp.Kind.READ))
                .u64("ReplicationTotalReadTime", c.replicationTimeNs(ScsiOp.Kind.READ))
                .u64("TotalWriteTime", c.totalTimeNs(ScsiOp.Kind.WRITE))
                .u64("LUTotalWriteTime", c.luTimeNs(ScsiOp.Kind.WRITE))
                .u64("ReplicationTotalWriteTime", c.replicationTimeNs(ScsiOp.Kind.WRITE))
                .u64("TotalReadBlockCount", c.blocks(ScsiOp.Kind.READ))
                .u64("TotalWriteBlockCount", c.blocks(ScsiOp.Kind.WRITE))
                .num("ReplicaCounter", v.healthy() + v.degraded())
                .u64("RevisionCounter", v.revisionCounter())
                .str("Status", v.status().wire())
                .arr("Replicas", replicas)
                .render(JsonC.Style.SPACED);
    }

    private static JsonC.Obj replica(Target target, Volume v, Replica r, Instant now) {
        JsonC.Obj o = JsonC.object().str("replicaId", r.id()).str("Address", r.address());
        if (!target.options().stock()) {
            o.num("Port", r.port());
        }
        return o.str("Mode", r.mode().wire())
                .u64("checkpointedIOSeq", v.checkpointedIoSeq(r))
                .u64("inflightRead", v.inflight(r, ScsiOp.Kind.READ, now))
                .u64("inflightWrite", v.inflight(r, ScsiOp.Kind.WRITE, now))
                .u64("inflightSync", v.inflight(r, ScsiOp.Kind.SYNC, now))
                .str("quorum", r.quorum() ? "1" : "0")
                .num("upTime", r.upTimeSeconds(now))
                .u64("ReadReqTime", r.requestTimeNs(ScsiOp.Kind.READ))
                .u64("ReadRespTime", r.responseTimeNs(ScsiOp.Kind.READ))
                .u64("WriteReqTime", r.requestTimeNs(ScsiOp.Kind.WRITE))
                .u64("WriteRespTime", r.responseTimeNs(ScsiOp.Kind.WRITE));
    }
}
