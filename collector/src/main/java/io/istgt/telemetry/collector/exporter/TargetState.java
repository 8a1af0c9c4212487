package io.istgt.telemetry.collector.exporter;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the collector last knew of one target, as the metrics endpoint renders it: the last successful snapshot
 * (null before any), whether the last poll succeeded, and the failures counted since the target was added.
 *
 * @param lastSnapshot the snapshot of the last successful poll, kept while later polls fail (it names the volumes
 *                     an unreadable target's status is reported for); null before any success
 * @param readable     whether the last poll succeeded
 * @param lastPollAt   when the last poll ended, successful or not
 * @param failures     failed polls by kind since the target was added
 * @param retries      polls that followed a failed one (the collector's reconnections to istgt)
 */
public record TargetState(IstgtSnapshot lastSnapshot, boolean readable, Instant lastPollAt,
                          Map<ErrorKind, Long> failures, long retries) {

    public TargetState {
        Objects.requireNonNull(lastPollAt, "lastPollAt");
        failures = Map.copyOf(failures);
        if (readable && lastSnapshot == null) {
            throw new IllegalArgumentException("a readable target has a snapshot");
        }
    }

    static TargetState succeeded(TargetState before, IstgtSnapshot snapshot, Instant at) {
        Objects.requireNonNull(snapshot, "snapshot");
        if (before == null) {
            return new TargetState(snapshot, true, at, Map.of(), 0);
        }
        return new TargetState(snapshot, true, at, before.failures, before.retries + (before.readable ? 0 : 1));
    }

    static TargetState failed(TargetState before, ErrorKind kind, Instant at) {
        if (before == null) {
            return new TargetState(null, false, at, Map.of(kind, 1L), 0);
        }
        Map<ErrorKind, Long> failures = new EnumMap<>(ErrorKind.class);
        failures.putAll(before.failures);
        failures.merge(kind, 1L, Long::sum);
        return new TargetState(before.lastSnapshot, false, at, failures, before.retries + (before.readable ? 0 : 1));
    }

    /** Failed polls that did not reach istgt or lost it mid-reply (m-exporter's connection errors). */
    public long connectionErrors() {
        return count(FailureClass.CONNECTION);
    }

    /** Failed polls whose reply could not be read or was refused (m-exporter's parse errors). */
    public long parseErrors() {
        return count(FailureClass.REPLY);
    }

    private long count(FailureClass which) {
        long n = 0;
        for (Map.Entry<ErrorKind, Long> e : failures.entrySet()) {
            if (FailureClass.of(e.getKey()) == which) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** m-exporter's two kinds of error, which its connection and parse counters count. */
    enum FailureClass {
        CONNECTION, REPLY;

        static FailureClass of(ErrorKind kind) {
            return switch (kind) {
                case NO_SOCKET, CONNECTION_REFUSED, PERMISSION_DENIED, TIMEOUT, CONNECTION_CLOSED, IO_ERROR ->
                        CONNECTION;
                case ERR_REPLY, UNSUPPORTED_COMMAND, LINE_TOO_LONG, NOT_ISTGT, PROTOCOL_ERROR, JSON_TRUNCATED,
                     JSON_MALFORMED, INCOMPLETE_REPLY -> REPLY;
            };
        }
    }
}
