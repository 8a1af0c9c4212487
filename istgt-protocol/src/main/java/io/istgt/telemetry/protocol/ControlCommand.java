package io.istgt.telemetry.protocol;

/**
 * The read-only control commands: the only ones the client can send, each without arguments. With the
 * separator istgt puts between the command word and the payload of a data line (istgt is not consistent here:
 * some commands use two spaces, some one, and {@code STATS} mixes both, and the emulator must reproduce it
 * exactly).
 *
 * <p>istgt's control socket has no authentication, and some of its commands change the volume or the target
 * ({@code SNAPCREATE}, {@code SNAPDESTROY}, {@code RESIZE}, {@code DRF}, {@code SET}, {@code LOAD}, {@code UNLOAD},
 * {@code CHANGE}, {@code RESET}, {@code START}, {@code STOP}, {@code MODIFY}, {@code REFRESH}, {@code CLEAR},
 * {@code SYNC}, {@code PERSIST}, ...). They are deliberately not here: the client writes a request only from a
 * constant of this enum, so a program built on it cannot send them (the emulator answers them by their words,
 * as istgt does, without this enum). Arguments are not sent either: {@code STATS 1} reads <em>and moves</em>
 * istgt's baseline of increments, so even a read command with an argument can disturb others.
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
