package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the replica rules remember of one (volume, replica) between its records. {@code BinaryStateSerde} keeps
 * its stored form, which is flat and older than these parts.
 *
 * @param newestAt collection time of the newest record evaluated; older ones are stale
 * @param errors   the replica's error counters as that record gave them
 * @param episodes open alert episodes by name
 * @param io       what the STUCK_IO rule watches
 */
public record ReplicaState(Instant newestAt, ErrorCounters errors, Map<String, AlertEpisode> episodes, IoWatch io) {

    public static final ReplicaState NEW = new ReplicaState(null, ErrorCounters.NONE, Map.of(), IoWatch.NONE);

    public ReplicaState {
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(io, "io");
        episodes = Map.copyOf(episodes);
    }

    /**
     * IO in flight and whether it drains: the checkpointed sequence alone moves too rarely to tell (istgt
     * checkpoints it every so many IOs), so the completed IO is watched as well.
     *
     * @param inflightSince start of the current run of snapshots with IO in flight, null when none is in flight
     * @param seq           the last checkpointed IO sequence, and since when it has not moved
     * @param completedIo   the last completed-IO measure, and since when it has not moved
     */
    public record IoWatch(Instant inflightSince, Unmoved seq, Unmoved completedIo) {

        static final IoWatch NONE = new IoWatch(null, Unmoved.NONE, Unmoved.NONE);

        public IoWatch {
            Objects.requireNonNull(seq, "seq");
            Objects.requireNonNull(completedIo, "completedIo");
        }
    }

    /**
     * A measure and since when it has stood still.
     *
     * @param value the last reading, null when the record did not give it
     * @param since when it last moved (or was first read), null before the first record
     */
    public record Unmoved(Long value, Instant since) {

        static final Unmoved NONE = new Unmoved(null, null);

        /** After reading {@code now} at {@code at}; an absent reading stands still (it cannot show movement). */
        Unmoved next(Long now, Instant at) {
            boolean moved = now != null && !now.equals(value);
            return new Unmoved(now, moved || since == null ? at : since);
        }
    }
}
