package io.istgt.telemetry.client;

import io.istgt.telemetry.client.reply.MalformedReplyException;
import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.protocol.ControlCommand;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure to get an answer from an istgt control socket. The message always names the socket and,
 * when one was being served, the command; {@link #kind()} classifies it.
 */
public final class IstgtControlException extends Exception {

    private final ErrorKind kind;
    private final String socketPath;
    private final String command;
    private final String errorReply;

    /**
     * @param command the command being served, or null when the failure happened before any (connecting,
     *                reading the greeting)
     * @param detail  what went wrong, without the socket and command (they are added)
     */
    IstgtControlException(ErrorKind kind, String socketPath, String command, String detail, Throwable cause) {
        this(kind, socketPath, command, detail, cause, null);
    }

    private IstgtControlException(ErrorKind kind, String socketPath, String command, String detail, Throwable cause,
                                  String errorReply) {
        super(format(kind, socketPath, command, detail), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
        this.command = command;
        this.errorReply = errorReply;
    }

    /**
     * istgt answered {@code ERR <errorReply>} to {@code command}: {@link ErrorKind#UNSUPPORTED_COMMAND} for
     * istgt's {@code unknown command}, {@link ErrorKind#ERR_REPLY} for any other text.
     */
    static IstgtControlException errReply(ErrorKind kind, String socketPath, String command, String detail,
                                          String errorReply) {
        if (kind != ErrorKind.ERR_REPLY && kind != ErrorKind.UNSUPPORTED_COMMAND) {
            throw new IllegalArgumentException("an ERR reply is ERR_REPLY or UNSUPPORTED_COMMAND, not " + kind);
        }
        return new IstgtControlException(kind, socketPath, Objects.requireNonNull(command, "command"), detail, null,
                Objects.requireNonNull(errorReply, "errorReply"));
    }

    IstgtControlException(ErrorKind kind, String socketPath, String command, String detail) {
        this(kind, socketPath, command, detail, null);
    }

    /** {@code command}'s reply could not be read: the kind says how, as a failed poll reports it. */
    static IstgtControlException malformedReply(String socketPath, ControlCommand command, MalformedReplyException e) {
        ErrorKind kind = switch (e.problem()) {
            case TRUNCATED_JSON -> ErrorKind.JSON_TRUNCATED;
            case MALFORMED_JSON -> ErrorKind.JSON_MALFORMED;
            case MALFORMED_TEXT -> ErrorKind.PROTOCOL_ERROR;
        };
        return new IstgtControlException(kind, socketPath, command.word(), e.getMessage(), e);
    }

    private static String format(ErrorKind kind, String socketPath, String command, String detail) {
        Objects.requireNonNull(detail, "detail");
        if (command == null) {
            // Connect failures already say where ("no socket at /x"); say it once.
            return detail.contains(socketPath) ? detail : detail + " (socket " + socketPath + ")";
        }
        return detail + " (socket " + socketPath + ", command " + command + ")";
    }

    public ErrorKind kind() {
        return kind;
    }

    public boolean retriable() {
        return kind.retriable();
    }

    public String socketPath() {
        return socketPath;
    }

    /** The command being served when it failed; empty for failures while connecting. */
    public Optional<String> command() {
        return Optional.ofNullable(command);
    }

    /** istgt's text after {@code ERR}, verbatim, when istgt answered ERR; empty for every other failure. */
    public Optional<String> errorReply() {
        return Optional.ofNullable(errorReply);
    }
}
