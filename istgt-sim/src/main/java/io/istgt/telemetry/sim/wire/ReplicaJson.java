package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.sim.model.Replica;
import io.istgt.telemetry.sim.model.ScsiOp;
import io.istgt.telemetry.sim.model.Volume;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * REPLICA and MEMPOOL: json-c "plain" (no spaces), as in 01-degraded-REPLICA.raw and the MEMPOOL capture.
 * Both list every connected replica, inside the quorum or not.
 */
final class ReplicaJson {

    private ReplicaJson() {
    }

    /** {@code REPLICA [vol]}: volumes whose name starts with {@code prefix} (all when null). */
    static String replica(List<Volume> volumes, String prefix, Instant now) {
        List<JsonC.Obj> matching = new ArrayList<>();
        for (Volume v : volumes) {
            if (prefix != null && !v.name().startsWith(prefix)) {
                continue;
            }
            matching.add(JsonC.object()
                    .str("name", v.name())
                    .str("status", v.status().wire())
                    .arr("replicaStatus", v.replicas().stream().map(r -> JsonC.object()
                            .str("replicaId", r.id())
                            .str("Address", r.address())
                            .str("Mode", r.mode().wire())
                            .u64("checkpointedIOSeq", v.checkpointedIoSeq(r))
                            .u64("inflightRead", v.inflight(r, ScsiOp.Kind.READ, now))
                            .u64("inflightWrite", v.inflight(r, ScsiOp.Kind.WRITE, now))
                            .u64("inflightSync", v.inflight(r, ScsiOp.Kind.SYNC, now))
                            .str("quorum", r.quorum() ? "1" : "0")
                            .num("upTime", r.upTimeSeconds(now))).toList()));
        }
        return JsonC.object().arr("volumeStatus", matching).render(JsonC.Style.PLAIN);
    }

    /** MEMPOOL: all replicas of all volumes in one "replica usage" list, as istgt_lu_mempool_stats builds it. */
    static String mempool(List<Volume> volumes, Instant now) {
        List<JsonC.Obj> usage = new ArrayList<>();
        for (Volume v : volumes) {
            for (Replica r : v.replicas()) {
                long read = v.inflight(r, ScsiOp.Kind.READ, now);
                long write = v.inflight(r, ScsiOp.Kind.WRITE, now);
                long sync = v.inflight(r, ScsiOp.Kind.SYNC, now);
                usage.add(JsonC.object()
                        .str("replicaId", r.id())
                        .u64("in-flight read", read)
                        .u64("in-flight write", write)
                        .u64("in-flight sync", sync)
                        .num("in-flight command", read + write + sync));
            }
        }
        return JsonC.object()
                .arr("mempool list", List.of(JsonC.object().arr("replica usage", usage)))
                .render(JsonC.Style.PLAIN);
    }
}
