package io.istgt.telemetry.sim.model;

/**
 * A replica istgt has seen since it started: its {@code errors[]} entry in ISTGTSTATUS, which outlives the
 * connection (a disconnected replica vanishes from {@code replicas[]} but keeps this entry).
 */
public final class KnownReplica {

    private final long guid;
    private long mgmtConnErrors;
    private long dataConnErrors;
    private long restarts;

    KnownReplica(long guid) {
        this.guid = guid;
    }

    void addMgmtErrors(long n) {
        mgmtConnErrors += n;
    }

    void addDataErrors(long n) {
        dataConnErrors += n;
    }

    void countRestart() {
        restarts++;
    }

    public long guid() {
        return guid;
    }

    public String id() {
        return Long.toUnsignedString(guid);
    }

    public long mgmtConnErrors() {
        return mgmtConnErrors;
    }

    public long dataConnErrors() {
        return dataConnErrors;
    }

    public long restarts() {
        return restarts;
    }
}
