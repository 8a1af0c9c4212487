package io.istgt.telemetry.history;

import java.util.List;
import java.util.Optional;

/**
 * What the history writer tells about its work, for its health and metrics: called on the writer's own thread,
 * so an implementation returns at once and is safe to read from other threads. Every method does nothing unless
 * overridden. The history-writer module knows no metrics library; the program that runs the writer gives it a
 * listener that feeds its own.
 */
public interface HistoryWriterListener {

    /** Listens to nothing. */
    HistoryWriterListener NONE = new HistoryWriterListener() {
    };

    /** {@code records} records of {@code liveTopic} were read and taken into blocks. */
    default void recordsRead(String liveTopic, int records) {
    }

    /** A record of {@code liveTopic} did not decode and was skipped (it is logged with its offset). */
    default void recordSkipped(String liveTopic) {
    }

    /** The broker acknowledged a block of {@code records} records in {@code historyTopic}. */
    default void blockWritten(String historyTopic, int records) {
    }

    /** How many records of {@code liveTopic} are in its partitions past what the writer has read. */
    default void recordsBehind(String liveTopic, long records) {
    }

    /** A failure the writer backs off from and then tries again; called at each one. */
    default void retrying(WriterFailure failure) {
    }

    /** The failures reported by {@link #retrying} are over: the writer read, sent and committed again. */
    default void recovered() {
    }

    /**
     * The writer stopped: closed ({@code cause} empty), or by an unexpected error it cannot go on from, its open
     * blocks unwritten (read again at the next start).
     */
    default void stopped(Optional<Throwable> cause) {
    }

    /** Tells each of {@code listeners} everything, in order. */
    static HistoryWriterListener all(HistoryWriterListener... listeners) {
        List<HistoryWriterListener> all = List.of(listeners);
        return new HistoryWriterListener() {
            @Override
            public void recordsRead(String liveTopic, int records) {
                all.forEach(l -> l.recordsRead(liveTopic, records));
            }

            @Override
            public void recordSkipped(String liveTopic) {
                all.forEach(l -> l.recordSkipped(liveTopic));
            }

            @Override
            public void blockWritten(String historyTopic, int records) {
                all.forEach(l -> l.blockWritten(historyTopic, records));
            }

            @Override
            public void recordsBehind(String liveTopic, long records) {
                all.forEach(l -> l.recordsBehind(liveTopic, records));
            }

            @Override
            public void retrying(WriterFailure failure) {
                all.forEach(l -> l.retrying(failure));
            }

            @Override
            public void recovered() {
                all.forEach(HistoryWriterListener::recovered);
            }

            @Override
            public void stopped(Optional<Throwable> cause) {
                all.forEach(l -> l.stopped(cause));
            }
        };
    }
}
