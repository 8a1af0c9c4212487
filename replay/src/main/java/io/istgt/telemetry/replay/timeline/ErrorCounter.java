package io.istgt.telemetry.replay.timeline;

/** The error counters the timeline shows deltas of (volume-wide sums, or one replica's own). */
public enum ErrorCounter {
    MGMT_CONN("mgmt conn"),
    DATA_CONN("data conn"),
    REPLICA_RESTARTS("replica restarts"),
    IO_TIMEOUTS("io timeouts"),
    IO_FAILURES("io failures"),
    VERSION_MISMATCHES("version mismatches");

    private final String label;

    ErrorCounter(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
