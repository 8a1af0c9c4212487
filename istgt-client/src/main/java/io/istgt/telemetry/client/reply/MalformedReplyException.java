package io.istgt.telemetry.client.reply;

import java.util.Objects;

/** A reply payload this client cannot read, and in which way. */
public final class MalformedReplyException extends Exception {

    /** How a payload is wrong. */
    public enum Problem {
        /** JSON that stops before it is complete: istgt cuts every reply line at 4096 bytes without a marker. */
        TRUNCATED_JSON,
        /** JSON that is invalid, or valid but not the shape istgt sends. */
        MALFORMED_JSON,
        /** A text reply (STATS, INFO, STATUS, MAXIOWAIT) not in istgt's format. */
        MALFORMED_TEXT
    }

    private final Problem problem;

    MalformedReplyException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    static MalformedReplyException malformed(String message) {
        return new MalformedReplyException(Problem.MALFORMED_JSON, message, null);
    }

    static MalformedReplyException malformedText(String message) {
        return new MalformedReplyException(Problem.MALFORMED_TEXT, message, null);
    }

    public Problem problem() {
        return problem;
    }
}
