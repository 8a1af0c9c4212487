package io.istgt.telemetry.history;

import java.util.Locale;
import java.util.Objects;

/**
 * A failure the history writer backs off from and tries again: what failed, said with where (the topic and
 * partition, or the history topic and key) and the client's own message.
 */
public record WriterFailure(Kind kind, String message) {

    /** Which outside party failed; the writer treats both alike (back off, read or send again). */
    public enum Kind {
        /** The schema registry could not be reached while a record was decoded or a block encoded. */
        REGISTRY,
        /** Kafka refused or did not answer a poll, a send, an acknowledgement or a commit. */
        BROKER;

        /** The name as a metric label says it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WriterFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
