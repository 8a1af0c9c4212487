package io.istgt.telemetry.collector.session;

import io.istgt.telemetry.collector.reply.IostatsVolume;
import io.istgt.telemetry.collector.reply.IstgtStatusReply;
import io.istgt.telemetry.collector.reply.ReplicaVolume;
import io.istgt.telemetry.collector.reply.StatsReply;
import io.istgt.telemetry.collector.reply.StatusReply;
import io.istgt.telemetry.collector.snapshot.IscsiSession;
import io.istgt.telemetry.collector.snapshot.MempoolUsage;
import io.istgt.telemetry.collector.snapshot.ReplicaId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parsed replies of one poll, before they are merged into a snapshot. A field is null when its command
 * was not sent or this istgt does not know it.
 */
public record Replies(
        String istgtVersion,
        IstgtStatusReply istgtStatus,
        List<IostatsVolume> iostats,
        List<ReplicaVolume> replica,
        StatusReply status,
        StatsReply stats,
        List<IscsiSession> info,
        Map<ReplicaId, MempoolUsage> mempool,
        Long maxIoWait) {

    public Replies {
        Objects.requireNonNull(istgtVersion, "istgtVersion");
        iostats = List.copyOf(Objects.requireNonNull(iostats, "iostats"));
    }
}
