package io.istgt.telemetry.replay.timeline;

/** Names of the chart series the builders fill and the HTML report draws. */
public final class Series {

    /** Seconds covered by the volume's counter deltas in a bucket: the denominator of its rates. */
    public static final String VOLUME_SECONDS = "volume.seconds";
    public static final String READ_COMMANDS = "volume.read.commands";
    public static final String WRITE_COMMANDS = "volume.write.commands";
    public static final String READ_TIME_NS = "volume.read.time.ns";
    public static final String WRITE_TIME_NS = "volume.write.time.ns";
    /** Sum of every volume-level error counter's delta. */
    public static final String VOLUME_ERRORS = "volume.errors";

    private Series() {
    }

    /** Sum of the replica's read, write and sync IOs in flight (maximum in the bucket). */
    public static String replicaInflight(String replicaId) {
        return "replica." + replicaId + ".inflight";
    }

    /** Deltas of the replica's own error counters (connection errors, restarts, IO errors). */
    public static String replicaErrors(String replicaId) {
        return "replica." + replicaId + ".errors";
    }
}
