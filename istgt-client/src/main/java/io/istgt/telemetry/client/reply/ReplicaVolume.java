package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.ReplicaSnapshot;
import io.istgt.telemetry.client.snapshot.VolumeStatus;
import java.util.List;
import java.util.Objects;

/** One volume of REPLICA: its short name ({@code vol1}), status and every replica, in the quorum or not. */
record ReplicaVolume(String name, VolumeStatus status, List<ReplicaSnapshot> replicas) {

    public ReplicaVolume {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        replicas = List.copyOf(replicas);
    }
}
