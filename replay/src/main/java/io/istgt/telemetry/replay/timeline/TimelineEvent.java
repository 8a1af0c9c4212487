package io.istgt.telemetry.replay.timeline;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.ReplicaTransition;
import io.istgt.telemetry.schemas.VolumeTransition;
import java.time.Duration;
import java.time.Instant;

/** Something that happened at a point (or over a span) of the window, listed in time order. */
public sealed interface TimelineEvent {

    Instant at();

    /** A replica appeared, changed mode or disconnected, as the analytics published it. */
    record ReplicaChange(Instant at, ReplicaTransition transition) implements TimelineEvent {
    }

    /** The volume's status changed, as the analytics published it. */
    record VolumeChange(Instant at, VolumeTransition transition) implements TimelineEvent {
    }

    /** An alert FIRING or RESOLVED, as the analytics published it. */
    record AlertChange(Instant at, Alert alert) implements TimelineEvent {
    }

    /**
     * No snapshot arrived for longer than expected.
     *
     * @param lostPolls polls missing by the sequence numbers, or -1 when the sequence cannot tell (a new
     *                  collector run, or a time gap only)
     */
    record CollectionGap(Instant at, Instant end, long lostPolls, String reason) implements TimelineEvent {
        public Duration duration() {
            return Duration.between(at, end);
        }
    }

    /** A span of failed polls: the collector could not read the target. */
    record Unreachable(Instant at, Instant end, long polls, String failure) implements TimelineEvent {
        public Duration duration() {
            return Duration.between(at, end);
        }
    }

    /** The collector started a new run (its sequence starts again at 1). */
    record CollectorRestart(Instant at, String collectorId, Instant startedAt) implements TimelineEvent {
    }

    /** istgt restarted (its uptime went down): every counter started again from zero. */
    record TargetRestart(Instant at, long uptimeBefore, long uptimeAfter) implements TimelineEvent {
    }
}
