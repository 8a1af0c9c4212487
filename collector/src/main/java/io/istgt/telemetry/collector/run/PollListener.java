package io.istgt.telemetry.collector.run;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import java.time.Duration;
import java.util.List;

/** What each poll of a target came to, for metrics. Called from poll threads: implementations are thread-safe. */
public interface PollListener {

    /** A poll of {@code target} produced {@code snapshot}, which was published. */
    void succeeded(String target, IstgtSnapshot snapshot, Duration took, int records);

    /** A poll of {@code target} failed with {@code kind}; its failure records were published. */
    void failed(String target, ErrorKind kind, Duration took, int records);

    /** {@code target} is no longer polled: its per-target series may go. */
    void removed(String target);

    PollListener NONE = new PollListener() {
        @Override
        public void succeeded(String target, IstgtSnapshot snapshot, Duration took, int records) {
        }

        @Override
        public void failed(String target, ErrorKind kind, Duration took, int records) {
        }

        @Override
        public void removed(String target) {
        }
    };

    /** Tells each of {@code listeners}, in order. */
    static PollListener all(PollListener... listeners) {
        List<PollListener> each = List.of(listeners);
        return new PollListener() {
            @Override
            public void succeeded(String target, IstgtSnapshot snapshot, Duration took, int records) {
                each.forEach(l -> l.succeeded(target, snapshot, took, records));
            }

            @Override
            public void failed(String target, ErrorKind kind, Duration took, int records) {
                each.forEach(l -> l.failed(target, kind, took, records));
            }

            @Override
            public void removed(String target) {
                each.forEach(l -> l.removed(target));
            }
        };
    }
}
