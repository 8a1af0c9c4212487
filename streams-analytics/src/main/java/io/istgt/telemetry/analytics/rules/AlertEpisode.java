package io.istgt.telemetry.analytics.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert key's episode: quiet, or firing since a time. It turns a condition evaluated on every snapshot
 * into one FIRING when the condition starts and one RESOLVED when it has stayed false for
 * {@code resolveAfter} (the hysteresis: a condition that flaps inside that span keeps one episode open
 * instead of paging on every flap).
 *
 * @param firingSince  when the open episode started, or null when quiet
 * @param clearSince   while firing: since when the condition has been false, or null
 * @param lastDetail   the summary of the latest true evaluation, repeated in the RESOLVED event
 */
public record AlertEpisode(Instant firingSince, Instant clearSince, String lastDetail) {

    public static final AlertEpisode QUIET = new AlertEpisode(null, null, null);

    public AlertEpisode {
        if (firingSince == null && clearSince != null) {
            throw new IllegalArgumentException("a quiet episode cannot be clearing");
        }
    }

    public boolean firing() {
        return firingSince != null;
    }

    /** What an evaluation changed: the next state, and the event to publish if any. */
    public record Step(AlertEpisode next, Optional<Change> change) {
    }

    /** A state change worth publishing. */
    public record Change(State state, Instant start, Instant end, String detail) {
        public Change {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(start, "start");
        }
    }

    public enum State { FIRING, RESOLVED }

    /**
     * Evaluates the condition at event time {@code at}.
     *
     * @param active  whether the condition holds now
     * @param detail  a readable summary with the numbers, used when it holds
     */
    public Step evaluate(boolean active, Instant at, String detail, Duration resolveAfter) {
        return evaluate(active, at, at, detail, resolveAfter);
    }

    /**
     * As {@link #evaluate(boolean, Instant, String, Duration)}, for a condition that is found to hold only some
     * time after it began (e.g. a target unreachable once its polls have failed for a while): an episode it
     * starts is dated {@code since}, the event still {@code at}. An open episode keeps its start.
     */
    public Step evaluate(boolean active, Instant at, Instant since, String detail, Duration resolveAfter) {
        if (!firing()) {
            if (!active) {
                return new Step(this, Optional.empty());
            }
            return new Step(new AlertEpisode(since, null, detail),
                    Optional.of(new Change(State.FIRING, since, null, detail)));
        }
        if (active) {
            return new Step(new AlertEpisode(firingSince, null, detail), Optional.empty());
        }
        Instant clear = clearSince != null ? clearSince : at;
        if (!at.isBefore(clear.plus(resolveAfter))) {
            return new Step(QUIET, Optional.of(new Change(State.RESOLVED, firingSince, at, lastDetail)));
        }
        return new Step(new AlertEpisode(firingSince, clear, lastDetail), Optional.empty());
    }

    /** Ends an open episode at once, whatever the hysteresis (e.g. the thing it was about is gone). */
    public Step resolveNow(Instant at) {
        return resolveNow(at, lastDetail);
    }

    /** As {@link #resolveNow(Instant)}, with a summary that says why it ended instead of the latest one. */
    public Step resolveNow(Instant at, String detail) {
        if (!firing()) {
            return new Step(this, Optional.empty());
        }
        return new Step(QUIET, Optional.of(new Change(State.RESOLVED, firingSince, at, detail)));
    }
}
