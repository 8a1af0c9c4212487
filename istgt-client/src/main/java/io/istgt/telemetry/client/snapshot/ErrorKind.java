package io.istgt.telemetry.client.snapshot;

/**
 * What went wrong talking to an istgt control socket. A closed set, so that callers (the poll loop, the
 * CLI's exit codes) must decide for every kind. It belongs to the snapshot model because a snapshot's
 * {@link PartialFailure}s carry it as well as {@code IstgtControlException}.
 *
 * <p>{@link #retriable()} says whether the same request may succeed later without anyone changing anything:
 * istgt starting up, restarting or being slow is retriable; talking to something that is not istgt, or a
 * reply this client cannot read, is not.
 */
public enum ErrorKind {
    /** Nothing at the socket path, or something that is not a socket (istgt not started yet, or a wrong path). */
    NO_SOCKET(true),
    /** A socket file with no process listening on it (istgt died and left its socket behind, or is restarting). */
    CONNECTION_REFUSED(true),
    /** The socket exists but this user may not connect to it. */
    PERMISSION_DENIED(false),
    /** Connecting, a read, or a whole request took longer than allowed. */
    TIMEOUT(true),
    /** istgt answered {@code ERR <message>}. */
    ERR_REPLY(true),
    /** istgt answered {@code ERR unknown command}: this istgt build lacks the command. */
    UNSUPPORTED_COMMAND(false),
    /** istgt closed the connection before the reply was complete. */
    CONNECTION_CLOSED(true),
    /** A line longer than the configured cap (istgt's own lines are at most 4096 bytes). */
    LINE_TOO_LONG(false),
    /** The peer's greeting is not istgt's. */
    NOT_ISTGT(false),
    /** A line that does not belong in the reply (another command's data, an OK for another command). */
    PROTOCOL_ERROR(false),
    /** A JSON payload that ends before it is complete (istgt cuts reply lines at 4096 bytes without a marker). */
    JSON_TRUNCATED(false),
    /** A JSON payload that is not valid JSON, or not the shape istgt sends. */
    JSON_MALFORMED(false),
    /**
     * A reply that leaves out part of what istgt counted: STATS lists at most ten opcodes of each kind. Only in a
     * snapshot's {@link PartialFailure}s (the poll succeeded; the values not listed are absent), never a failed
     * poll.
     */
    INCOMPLETE_REPLY(false),
    /** Any other I/O failure on the socket. */
    IO_ERROR(true);

    private final boolean retriable;

    ErrorKind(boolean retriable) {
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
