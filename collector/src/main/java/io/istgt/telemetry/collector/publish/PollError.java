package io.istgt.telemetry.collector.publish;

import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.client.snapshot.ErrorKind;
import java.util.Objects;

/**
 * Why a poll gave no data.
 *
 * @param command    the control command that failed; null when connecting (or the greeting) failed
 * @param errorReply istgt's text after ERR, verbatim; null unless istgt answered ERR
 */
public record PollError(ErrorKind kind, String message, String command, String errorReply) {

    public PollError {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public static PollError of(IstgtControlException e) {
        return new PollError(e.kind(), e.getMessage(), e.command().orElse(null), e.errorReply().orElse(null));
    }

    /** A snapshot the records cannot hold is reported as a malformed reply of the command that lacked a value. */
    static PollError of(UnpublishableSnapshotException e, String target) {
        return new PollError(ErrorKind.JSON_MALFORMED, e.getMessage() + " (socket " + target + ", command "
                + e.command() + ")", e.command(), null);
    }
}
