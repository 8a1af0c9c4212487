package io.istgt.telemetry.client.snapshot;

import java.util.List;
import java.util.Objects;

/** One volume (iSCSI target) of istgt: the target, its replica counts and its replicas, ordered by id. */
public record VolumeSnapshot(TargetInfo target, ReplicaCounts replicaCounts, List<ReplicaSnapshot> replicas) {

    public VolumeSnapshot {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(replicaCounts, "replicaCounts");
        replicas = Checks.copy(replicas, "replicas");
    }
}
