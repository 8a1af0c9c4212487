package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the volume rules remember of one volume between its records (kept in a state store with a changelog,
 * so it survives a restart of the analytics and a restart of the collector). The rules change it through the
 * {@code with...} methods, each naming the part a record changed; {@code BinaryStateSerde} keeps its stored
 * form, which is flat and older than these parts.
 *
 * @param seen        what the records said of the volume
 * @param errors      the volume's error counters as the last answered poll gave them
 * @param alerting    the open alert episodes and what the silence rule needs
 * @param failedPolls the failed polls since the last answered one, null when the last poll answered
 */
public record VolumeState(Seen seen, ErrorCounters errors, Alerting alerting, FailedPolls failedPolls) {

    public static final VolumeState NEW = new VolumeState(Seen.NONE, ErrorCounters.NONE, Alerting.NONE, null);

    public VolumeState {
        Objects.requireNonNull(seen, "seen");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(alerting, "alerting");
    }

    /**
     * What the records said of the volume.
     *
     * @param newestAt    collection time of the newest record evaluated, answered or failed; older ones are stale
     * @param answeredAt  collection time of the last answered poll, which the counters and replicas are from; null
     *                    in state written before it was kept ({@code newestAt} stands for it then)
     * @param status      last status, null before the first record (or while the records do not say)
     * @param statusSince when that status began
     * @param target      the target the volume's records came from
     * @param replicas    the replicas as the last answered poll gave them
     */
    public record Seen(Instant newestAt, Instant answeredAt, VolumeCondition status, Instant statusSince,
                       String target, ReplicaModes replicas) {

        static final Seen NONE = new Seen(null, null, null, null, null, ReplicaModes.NONE);
    }

    /**
     * @param episodes          open alert episodes by name
     * @param silent            whether TARGET_SILENT is firing
     * @param lastArrivalMillis wall-clock time the last record was processed, for the silence rule; 0 before one
     */
    public record Alerting(Map<String, AlertEpisode> episodes, boolean silent, long lastArrivalMillis) {

        static final Alerting NONE = new Alerting(Map.of(), false, 0L);

        public Alerting {
            episodes = Map.copyOf(episodes);
        }

        /** After a record processed at {@code arrivalMillis}: a record ends a silence. */
        static Alerting heard(Map<String, AlertEpisode> episodes, long arrivalMillis) {
            return new Alerting(episodes, false, arrivalMillis);
        }

        /** TARGET_SILENT fired: the last arrival stays, as the silence is counted from it. */
        Alerting silenced(Map<String, AlertEpisode> episodes) {
            return new Alerting(episodes, true, lastArrivalMillis);
        }
    }

    /**
     * A run of failed polls of the volume's target.
     *
     * @param count how many in a row, at least 1
     * @param since collection time of the first
     */
    public record FailedPolls(int count, Instant since) {

        public FailedPolls {
            Objects.requireNonNull(since, "since");
            if (count < 1) {
                throw new IllegalArgumentException("a run of failed polls has at least one, got " + count);
            }
        }

        /** The run with one more failed poll. */
        public FailedPolls next() {
            return new FailedPolls(count + 1, since);
        }
    }

    /** When the counters were read: the last answered poll (or, in state from before it was kept, the newest). */
    public Instant countersAt() {
        return seen.answeredAt() != null ? seen.answeredAt() : seen.newestAt();
    }

    /** A record that said nothing newer was processed at {@code arrivalMillis}: only the silence rule cares. */
    VolumeState withArrival(long arrivalMillis) {
        return withAlerting(new Alerting(alerting.episodes(), alerting.silent(), arrivalMillis));
    }

    /** A poll of {@code target} failed at {@code at}, making {@code run}; what it last answered stays. */
    VolumeState withFailedPoll(Instant at, String target, FailedPolls run) {
        Seen next = new Seen(at, seen.answeredAt(), seen.status(), seen.statusSince(), target, seen.replicas());
        return new VolumeState(next, errors, alerting, run);
    }

    VolumeState withStatus(VolumeCondition status, Instant since) {
        Seen next = new Seen(seen.newestAt(), seen.answeredAt(), status, since, seen.target(), seen.replicas());
        return new VolumeState(next, errors, alerting, failedPolls);
    }

    VolumeState withAlerting(Alerting next) {
        return new VolumeState(seen, errors, next, failedPolls);
    }
}
