package io.istgt.telemetry.history;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The history writer's health as the program's probes say it, kept from what the writer reports as a
 * {@link HistoryWriterListener}: not ready while it retries a failure (which one, since when), once it has
 * stopped (and why), or while records wait and it has read and written nothing for the stall limit; not alive
 * once an unexpected error has stopped it, so that a supervisor restarts the program.
 *
 * <pre>{@code
 * HistoryWriterHealth health = new HistoryWriterHealth(InstantSource.system(), Duration.ofMinutes(5));
 * HistoryWriter.start(history, settings, registry, health);
 * health.notReadyReason(); // Optional[the history writer is retrying since ...: cannot send a block ...]
 * }</pre>
 */
public final class HistoryWriterHealth implements HistoryWriterListener {

    private enum State { RUNNING, RETRYING, STOPPED, FAILED }

    private final InstantSource clock;
    private final Duration stallAfter;
    private final Map<String, Long> behind = new TreeMap<>();
    private State state = State.RUNNING;
    private Instant lastProgress;
    private Instant retryingSince;
    private int failuresInRow;
    private WriterFailure lastFailure;
    private Throwable cause;

    /**
     * @param stallAfter how long the writer may read and write nothing while records wait before it is not ready;
     *                   positive
     */
    public HistoryWriterHealth(InstantSource clock, Duration stallAfter) {
        if (!stallAfter.isPositive()) {
            throw new IllegalArgumentException("the stall limit must be positive: " + stallAfter);
        }
        this.clock = clock;
        this.stallAfter = stallAfter;
        this.lastProgress = clock.instant();
    }

    /** Why the writer is not ready, or empty when it is. */
    public synchronized Optional<String> notReadyReason() {
        return switch (state) {
            case FAILED -> Optional.of("the history writer stopped on an unexpected error (" + describe(cause)
                    + "); it writes no history until the program restarts");
            case STOPPED -> Optional.of("the history writer is stopped");
            case RETRYING -> Optional.of("the history writer is retrying since " + retryingSince + " ("
                    + failuresInRow + (failuresInRow == 1 ? " failure" : " failures in a row") + "), last: "
                    + lastFailure.message());
            case RUNNING -> stalled();
        };
    }

    /** False once an unexpected error stopped the writer: only a restart brings it back. */
    public synchronized boolean alive() {
        return state != State.FAILED;
    }

    private Optional<String> stalled() {
        long waiting = behind.values().stream().mapToLong(Long::longValue).sum();
        Duration idle = Duration.between(lastProgress, clock.instant());
        if (waiting == 0 || idle.compareTo(stallAfter) < 0) {
            return Optional.empty();
        }
        return Optional.of("the history writer has read and written nothing for " + idle.toSeconds() + " s while "
                + waiting + " records wait (" + behind.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public synchronized void recordsRead(String liveTopic, int records) {
        lastProgress = clock.instant();
    }

    @Override
    public synchronized void blockWritten(String historyTopic, int records) {
        lastProgress = clock.instant();
    }

    @Override
    public synchronized void recordsBehind(String liveTopic, long records) {
        behind.put(liveTopic, records);
    }

    @Override
    public synchronized void retrying(WriterFailure failure) {
        if (state == State.RUNNING) {
            state = State.RETRYING;
            retryingSince = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            failuresInRow = 0;
        }
        failuresInRow++;
        lastFailure = failure;
    }

    @Override
    public synchronized void recovered() {
        if (state == State.RETRYING) {
            state = State.RUNNING;
            // The time spent retrying was no stall: the failure said why nothing moved.
            lastProgress = clock.instant();
        }
    }

    @Override
    public synchronized void stopped(Optional<Throwable> cause) {
        this.cause = cause.orElse(null);
        state = cause.isPresent() ? State.FAILED : State.STOPPED;
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
