package io.istgt.telemetry.history;

import io.istgt.telemetry.schemas.ReplicaKey;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.ReplicaStatusBlock;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeStatusBlock;
import java.util.Objects;

/**
 * What the history writer copies and how: the two topic pairs, when a block closes, and its consumer group.
 *
 * @param groupId the writer's consumer group: its committed offsets say how far the history is written, so it is
 *                the same whatever else runs beside the writer (reprocessing the alerts under a new application id
 *                does not write the history again)
 */
public record HistorySettings(HistoryKind<VolumeKey, VolumeStatus, VolumeStatusBlock> volumes,
                              HistoryKind<ReplicaKey, ReplicaStatus, ReplicaStatusBlock> replicas,
                              BlockLimits blocks, String groupId) {

    public HistorySettings {
        Objects.requireNonNull(volumes, "volumes");
        Objects.requireNonNull(replicas, "replicas");
        Objects.requireNonNull(blocks, "blocks");
        Objects.requireNonNull(groupId, "groupId");
    }
}
