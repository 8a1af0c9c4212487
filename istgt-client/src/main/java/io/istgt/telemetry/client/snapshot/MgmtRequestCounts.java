package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

/**
 * Snapshot and rebuild requests over the management connection, and how many succeeded (ISTGTSTATUS
 * {@code snapshotCreateReqCnt}, {@code snapshotCreateReqSuccessCnt}, ...), for the target or one replica.
 */
public record MgmtRequestCounts(
        Long snapshotCreateRequests,
        Long snapshotCreateSuccesses,
        Long snapshotPrepareRequests,
        Long snapshotPrepareSuccesses,
        Long startRebuildRequests,
        Long startRebuildSuccesses,
        Long prepareRebuildRequests,
        Long prepareRebuildSuccesses) {

    public MgmtRequestCounts {
        nonNegative(snapshotCreateRequests, "snapshotCreateRequests");
        nonNegative(snapshotCreateSuccesses, "snapshotCreateSuccesses");
        nonNegative(snapshotPrepareRequests, "snapshotPrepareRequests");
        nonNegative(snapshotPrepareSuccesses, "snapshotPrepareSuccesses");
        nonNegative(startRebuildRequests, "startRebuildRequests");
        nonNegative(startRebuildSuccesses, "startRebuildSuccesses");
        nonNegative(prepareRebuildRequests, "prepareRebuildRequests");
        nonNegative(prepareRebuildSuccesses, "prepareRebuildSuccesses");
    }
}
