package io.istgt.telemetry.collector.reply;

import io.istgt.telemetry.collector.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.collector.snapshot.VolumeStatus;
import java.util.List;
import java.util.Objects;

/** One volume of REPLICA: its short name ({@code vol1}), status and every replica, in the quorum or not. */
public record ReplicaVolume(String name, VolumeStatus status, List<ReplicaSnapshot> replicas) {

    public ReplicaVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        replicas = List.copyOf(replicas);
    }
}
