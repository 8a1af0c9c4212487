package io.istgt.telemetry.protocol;

/**
 * The control commands this project speaks or emulates, with the separator istgt puts between the command
 * word and the payload of a data line. istgt is not consistent here: some commands use two spaces, some one
 * (and {@code STATS} mixes both), and the emulator must reproduce it exactly.
 */
public enum ControlCommand {
    ISTGTSTATUS("  "),
    IOSTATS("  "),
    REPLICA("  "),
    MEMPOOL("  "),
    MAXIOWAIT("  "),
    /** First data line uses two spaces, the second one; see {@link #dataLine(String, int)}. */
    STATS("  "),
    STATUS(" "),
    LIST(" "),
    INFO(" "),
    VERSION(" "),
    DUMP(" "),
    NOOP(" "),
    AUTH(" "),
    QUIT(" ");

    private final String separator;

    ControlCommand(String separator) {
        this.separator = separator;
    }

    /** The command word as sent on the wire. */
    public String word() {
        return name();
    }

    /**
     * A data line of this command's reply, without the line end.
     *
     * @param lineIndex 0 for the first data line of the reply; only STATS changes separator after it
     */
    public String dataLine(String payload, int lineIndex) {
        String sep = (this == STATS && lineIndex > 0) ? " " : separator;
        return word() + sep + payload;
    }
}
