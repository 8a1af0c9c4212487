package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

import java.util.List;
import java.util.Objects;

/**
 * One iSCSI target (volume) of istgt.
 *
 * @param iqn             the target's name; the key downstream
 * @param name            the volume name REPLICA uses ({@code vol1}); null with the deep command set
 * @param status          istgt's verdict from its replicas
 * @param lunState        REAL or FAKE from STATUS; null if STATUS did not list this iqn
 * @param portals         {@code address:port,tag} portals that INFO shows initiators logged in through;
 *                        empty with no session, null if INFO was not read. istgt reports no address otherwise.
 * @param replicaCounter  IOSTATS {@code ReplicaCounter}: connected replicas (healthy plus degraded)
 * @param revisionCounter IOSTATS {@code RevisionCounter}
 */
public record TargetInfo(
        String iqn,
        String name,
        VolumeStatus status,
        LunState lunState,
        List<String> portals,
        Long sizeBytes,
        Long sectorSizeBytes,
        Long usedLogicalBlocks,
        Long uptimeSeconds,
        Long replicaCounter,
        Long revisionCounter,
        IoTotals io) {

    public TargetInfo {
        Objects.requireNonNull(iqn, "iqn");
        Objects.requireNonNull(status, "status");
        portals = Checks.copyOrNull(portals);
        nonNegative(sizeBytes, "sizeBytes");
        nonNegative(sectorSizeBytes, "sectorSizeBytes");
        nonNegative(usedLogicalBlocks, "usedLogicalBlocks");
        nonNegative(uptimeSeconds, "uptimeSeconds");
        nonNegative(replicaCounter, "replicaCounter");
        nonNegative(revisionCounter, "revisionCounter");
    }
}
