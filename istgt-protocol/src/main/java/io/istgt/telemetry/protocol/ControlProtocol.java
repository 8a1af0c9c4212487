package io.istgt.telemetry.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Facts about istgt's unix control socket that both ends of it (the emulator and the collector's client)
 * must agree on. Each value is what the real istgt does, as read from its source and checked against the
 * captures in the test resources.
 */
public final class ControlProtocol {

    /** Where istgt listens; compiled into istgt, not configurable there. */
    public static final String DEFAULT_SOCKET_PATH = "/var/run/istgt_ctl_sock";

    /** Every line istgt sends ends with CRLF; requests may end with LF or CRLF. */
    public static final String LINE_END = "\r\n";

    /**
     * istgt formats each reply line into a buffer of this many bytes (snprintf), so a longer line arrives
     * cut short, without any marker. A client must never trust a long line to be whole.
     */
    public static final int REPLY_BUFFER_BYTES = 4096;

    /**
     * What is left of a reply line that did not fit: its first 4095 bytes, then CRLF. istgt then sees that
     * it wrote less than it formatted and abandons the reply: NO {@code OK <CMD>} follows a cut line, and the
     * connection stays open. A client that waits for the OK after such a line waits until its own timeout.
     */
    public static final int CUT_LINE_BYTES = REPLY_BUFFER_BYTES - 1;

    /** The longest request line istgt reads (its receive buffer less the line end). */
    public static final int MAX_REQUEST_LINE_BYTES = 4094;

    /** istgt closes a connection that stays idle this long. */
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** What every greeting starts with: {@code iSCSI Target Controller version <version> on <addr> from <addr>}. */
    public static final String GREETING_PREFIX = "iSCSI Target Controller version ";

    /** istgt's version string as the released and the deep-visibility builds report it (date part varies per build). */
    public static final String ISTGT_VERSION = "istgt:0.5.20121028";

    public static final String OK_PREFIX = "OK ";
    public static final String ERR_PREFIX = "ERR ";

    /** Error texts the real istgt sends, word for word. */
    public static final String ERR_UNKNOWN_COMMAND = "unknown command";
    public static final String ERR_AUTH_NOT_REQUIRED = "auth not required";
    public static final String ERR_INVALID_PARAMETERS = "invalid parameters";
    public static final String ERR_INVALID_PARAM = "invalid param";
    public static final String ERR_NO_TARGET = "no target";
    public static final String ERR_REPLICATION_NOT_INITIALIZED = "replication module not initialized";

    /** The control socket speaks ASCII; UTF-8 decodes it unchanged and tolerates stray bytes. */
    public static final java.nio.charset.Charset CHARSET = StandardCharsets.UTF_8;

    private ControlProtocol() {
    }

    /**
     * The greeting istgt sends on connect. Over a unix socket both addresses are empty, which leaves two
     * spaces before {@code from} and one trailing space.
     *
     * @param buildStamp istgt's build time as it prints it, e.g. {@code 20:23:24:Nov 23 2026}
     */
    public static String greeting(String buildStamp) {
        return GREETING_PREFIX + ISTGT_VERSION + ":" + buildStamp + " on  from " + LINE_END;
    }
}
