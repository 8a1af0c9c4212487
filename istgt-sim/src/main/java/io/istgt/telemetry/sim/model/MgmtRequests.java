package io.istgt.telemetry.sim.model;

/**
 * istgt's snapshot and rebuild request counters, kept the same way for a volume (target level) and for each
 * replica: requests counted when sent, successes when they succeed. Mutated only under the owning target's
 * lock.
 */
public final class MgmtRequests {

    private long snapshotCreateReq;
    private long snapshotPrepareReq;
    private long snapshotCreateOk;
    private long snapshotPrepareOk;
    private long startRebuildReq;
    private long startRebuildOk;
    private long prepareRebuildReq;
    private long prepareRebuildOk;

    /** A rebuild: prepared (always acknowledged), then started, which succeeds or not. */
    void rebuild(boolean started) {
        prepareRebuildReq++;
        prepareRebuildOk++;
        startRebuildReq++;
        if (started) {
            startRebuildOk++;
        }
    }

    /** A snapshot as the target counts it: create and prepare requested, both succeed or neither. */
    void snapshot(boolean ok) {
        snapshotCreateReq++;
        snapshotPrepareReq++;
        if (ok) {
            snapshotPrepareOk++;
            snapshotCreateOk++;
        }
    }

    /** A snapshot as a replica counts it: asked to prepare; the create follows only when the target goes on. */
    void snapshotPrepare(boolean ok) {
        snapshotPrepareReq++;
        if (ok) {
            snapshotPrepareOk++;
            snapshotCreateReq++;
            snapshotCreateOk++;
        }
    }

    public long snapshotCreateReq() {
        return snapshotCreateReq;
    }

    public long snapshotPrepareReq() {
        return snapshotPrepareReq;
    }

    public long snapshotCreateOk() {
        return snapshotCreateOk;
    }

    public long snapshotPrepareOk() {
        return snapshotPrepareOk;
    }

    public long startRebuildReq() {
        return startRebuildReq;
    }

    public long startRebuildOk() {
        return startRebuildOk;
    }

    public long prepareRebuildReq() {
        return prepareRebuildReq;
    }

    public long prepareRebuildOk() {
        return prepareRebuildOk;
    }
}
