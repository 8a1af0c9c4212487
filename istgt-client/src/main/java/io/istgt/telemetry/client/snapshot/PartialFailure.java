package io.istgt.telemetry.client.snapshot;

import java.util.Objects;

/**
 * One command of an otherwise successful poll that gave nothing, or only part of what istgt counts; the values it
 * does not give are absent.
 *
 * @param command    the control command, e.g. {@code STATS}
 * @param kind       what went wrong: {@link ErrorKind#UNSUPPORTED_COMMAND} (this istgt lacks the command),
 *                   {@link ErrorKind#ERR_REPLY} (istgt answered ERR), {@link ErrorKind#JSON_TRUNCATED} (ISTGTSTATUS
 *                   cut at istgt's 4096-byte line limit), {@link ErrorKind#INCOMPLETE_REPLY} (STATS listed ten of
 *                   more opcodes: the others' counts are absent)
 * @param message    what failed, naming the socket and the command
 * @param errorReply istgt's text after {@code ERR}, verbatim; null when istgt did not answer ERR
 */
public record PartialFailure(String command, ErrorKind kind, String message, String errorReply) {

    public PartialFailure {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }
}
