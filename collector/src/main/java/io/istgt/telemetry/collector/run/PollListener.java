package io.istgt.telemetry.collector.run;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import java.time.Duration;
import java.time.Instant;

/** What each poll of a target came to, for metrics. Called from poll threads: implementations are thread-safe. */
public interface PollListener {

    /** A poll of {@code target} produced a snapshot that was published ({@code at} its collection time). */
    void succeeded(String target, Duration took, Instant at, int records);

    /** A poll of {@code target} failed with {@code kind}; its failure records were published. */
    void failed(String target, ErrorKind kind, Duration took, int records);

    /** {@code target} is no longer polled: its per-target series may go. */
    void removed(String target);

    PollListener NONE = new PollListener() {
        @Override
        public void succeeded(String target, Duration took, Instant at, int records) {
        }

        @Override
        public void failed(String target, ErrorKind kind, Duration took, int records) {
        }

        @Override
        public void removed(String target) {
        }
    };
}
