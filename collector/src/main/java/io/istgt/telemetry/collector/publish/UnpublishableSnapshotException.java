package io.istgt.telemetry.collector.publish;

/**
 * A snapshot lacks a value the Avro records require (e.g. IOSTATS without {@code UpTime}): the poll is
 * reported as a MALFORMED failure of {@link #command()} instead.
 */
public final class UnpublishableSnapshotException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String command;

    public UnpublishableSnapshotException(String command, String message) {
        super(message);
        this.command = command;
    }

    /** The command whose reply lacked the value. */
    public String command() {
        return command;
    }
}
