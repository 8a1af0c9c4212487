package io.istgt.telemetry.replay.timeline;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the counters did over one interval of the timeline: sums of reset-aware deltas between consecutive
 * snapshots, and the time those deltas cover (so rates are per second of observed time, not of the interval,
 * which may contain gaps). Mutable while the interval is open; {@link #snapshot()} freezes it.
 */
public final class IoAggregate {

    private long readCommands;
    private long writeCommands;
    private long readBytes;
    private long writeBytes;
    private long readTimeNs;
    private long writeTimeNs;
    private long coveredMillis;
    private final Map<ErrorCounter, Long> errors = new EnumMap<>(ErrorCounter.class);

    void addIo(long readCommands, long writeCommands, long readBytes, long writeBytes, long readTimeNs,
               long writeTimeNs, long coveredMillis) {
        this.readCommands += readCommands;
        this.writeCommands += writeCommands;
        this.readBytes += readBytes;
        this.writeBytes += writeBytes;
        this.readTimeNs += readTimeNs;
        this.writeTimeNs += writeTimeNs;
        this.coveredMillis += coveredMillis;
    }

    void addError(ErrorCounter counter, long delta) {
        errors.merge(counter, delta, Long::sum);
    }

    public Snapshot snapshot() {
        return new Snapshot(readCommands, writeCommands, readBytes, writeBytes, readTimeNs, writeTimeNs,
                Duration.ofMillis(coveredMillis), new EnumMap<>(errors));
    }

    /** The frozen aggregate of a closed interval; rates are null when no delta was observed. */
    public record Snapshot(long readCommands, long writeCommands, long readBytes, long writeBytes, long readTimeNs,
                           long writeTimeNs, Duration covered, Map<ErrorCounter, Long> errors) {

        public static final Snapshot EMPTY = new IoAggregate().snapshot();

        public Snapshot {
            errors = Map.copyOf(errors);
        }

        public Double readIops() {
            return perSecond(readCommands);
        }

        public Double writeIops() {
            return perSecond(writeCommands);
        }

        /** Average read latency in milliseconds (Δ total read time / Δ read commands). */
        public Double readLatencyMs() {
            return readCommands == 0 ? null : readTimeNs / 1e6 / readCommands;
        }

        public Double writeLatencyMs() {
            return writeCommands == 0 ? null : writeTimeNs / 1e6 / writeCommands;
        }

        private Double perSecond(long count) {
            return covered.isZero() ? null : count * 1000.0 / covered.toMillis();
        }
    }
}
