package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.IscsiSession;
import io.istgt.telemetry.client.snapshot.MempoolUsage;
import io.istgt.telemetry.client.snapshot.ReplicaId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parsed replies of one poll, before they are merged into a snapshot. A field is null when its command
 * was not sent or this istgt does not know it.
 */
record Replies(
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
