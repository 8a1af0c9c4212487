package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.AlertKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The error counters the spike rule watches, grouped the way an SRE acts on them. Each family is the sum of
 * its counters (failed requests are requests minus successes), and raises its own alert kind.
 */
public enum ErrorFamily {
    /** Replica management and data connection errors (istgt's errors[] mgmtConnErrCnt + dataConnErrCnt). */
    CONNECTION_ERRORS(AlertKind.CONNECTION_ERROR_SPIKE, "connection errors"),
    /** Replica restarts (errors[].restartCount). */
    REPLICA_RESTARTS(AlertKind.REPLICA_RESTART_SPIKE, "replica restarts"),
    /** Snapshot create and prepare requests that did not succeed. */
    SNAPSHOT_FAILURES(AlertKind.SNAPSHOT_FAILURE_SPIKE, "failed snapshot requests"),
    /** Start and prepare rebuild requests that did not succeed. */
    REBUILD_FAILURES(AlertKind.REBUILD_FAILURE_SPIKE, "failed rebuild requests"),
    /** iSCSI login requests that did not succeed. */
    LOGIN_FAILURES(AlertKind.LOGIN_FAILURE_SPIKE, "failed logins"),
    /** IO timeouts, opcode failures and version mismatches (only where the istgt build gives them). */
    IO_ERRORS(AlertKind.IO_ERROR_SPIKE, "IO timeouts and failures");

    private final AlertKind alertKind;
    private final String description;

    ErrorFamily(AlertKind alertKind, String description) {
        this.alertKind = alertKind;
        this.description = description;
    }

    public AlertKind alertKind() {
        return alertKind;
    }

    public String description() {
        return description;
    }

    /**
     * An unmodifiable copy held in an {@link EnumMap}, for the states' maps by family: the rules copy, look up
     * and iterate them on every record, which an EnumMap does by ordinal where {@code Map.copyOf}'s hash table
     * probes (about 5 % of a stream thread in a replay). Null values are rejected, as {@code Map.copyOf} did.
     */
    static <V> Map<ErrorFamily, V> copyOf(Map<ErrorFamily, V> map) {
        if (map.isEmpty()) {
            return Map.of();
        }
        EnumMap<ErrorFamily, V> copy = new EnumMap<>(ErrorFamily.class);
        map.forEach((family, value) -> copy.put(Objects.requireNonNull(family, "family"),
                Objects.requireNonNull(value, "value")));
        return Collections.unmodifiableMap(copy);
    }
}
