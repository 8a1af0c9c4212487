package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.TargetInfo;
import java.util.List;
import java.util.Objects;

/**
 * One volume's line of IOSTATS: the target (without what only other commands give: name, LUN state,
 * portals) and the replicas in its quorum.
 */
record IostatsVolume(TargetInfo target, List<ReplicaSnapshot> replicas) {

    public IostatsVolume {
        Objects.requireNonNull(target, "target");
        replicas = List.copyOf(replicas);
    }
}
