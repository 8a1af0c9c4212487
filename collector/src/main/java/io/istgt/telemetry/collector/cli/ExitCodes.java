package io.istgt.telemetry.collector.cli;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.protocol.ControlProtocol;

/** The program's exit codes: one per {@link ErrorKind}, so scripts can tell failures apart. */
final class ExitCodes {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    /** picocli's code for a bad command line. */
    static final int USAGE = 2;

    /** Shown under {@code --help}. */
    static final String[] HELP = {
        "",
        "Exit codes:",
        "  0  success",
        "  1  internal error (a bug: please report it)",
        "  2  invalid command line",
        " 10  no socket at the path (istgt not running, or wrong --socket)",
        " 11  connection refused (a socket file, nothing listening)",
        " 12  permission denied on the socket",
        " 13  timeout (connect, read, or the whole request)",
        " 14  istgt answered ERR",
        " 15  istgt does not know a required command",
        " 16  istgt closed the connection mid-reply",
        " 17  a reply line longer than the limit",
        " 18  the socket's peer is not istgt (bad greeting)",
        " 19  a reply not in istgt's format (stray line, bad text reply)",
        " 20  JSON cut short (istgt cuts reply lines at 4096 bytes)",
        " 21  malformed JSON",
        " 22  other I/O error",
    };

    private ExitCodes() {
    }

    static int of(ErrorKind kind) {
        return switch (kind) {
            case NO_SOCKET -> 10;
            case CONNECTION_REFUSED -> 11;
            case PERMISSION_DENIED -> 12;
            case TIMEOUT -> 13;
            case ERR_REPLY -> 14;
            case UNSUPPORTED_COMMAND -> 15;
            case CONNECTION_CLOSED -> 16;
            case LINE_TOO_LONG -> 17;
            case NOT_ISTGT -> 18;
            case PROTOCOL_ERROR -> 19;
            case JSON_TRUNCATED -> 20;
            case JSON_MALFORMED -> 21;
            case IO_ERROR -> 22;
            case INCOMPLETE_REPLY -> throw notAFailure(kind);
        };
    }

    /** What an operator should do about a failure, appended to its one-line message. */
    static String advice(ErrorKind kind, String socketPath) {
        return switch (kind) {
            case NO_SOCKET -> "is istgt running? the default path is " + ControlProtocol.DEFAULT_SOCKET_PATH;
            case CONNECTION_REFUSED -> "istgt is not running or is restarting; check the target container";
            case PERMISSION_DENIED -> "run as root or as the user istgt runs as";
            case TIMEOUT -> "istgt is hung or overloaded; retry, or allow more with --timeout";
            case ERR_REPLY, CONNECTION_CLOSED, IO_ERROR -> "istgt may be starting or restarting; retry";
            case UNSUPPORTED_COMMAND -> "this istgt build lacks the command";
            case LINE_TOO_LONG, NOT_ISTGT -> "is " + socketPath + " istgt's control socket?";
            case PROTOCOL_ERROR, JSON_TRUNCATED, JSON_MALFORMED ->
                    "this istgt's reply is not in a form the collector reads; please report it with the istgt version";
            case INCOMPLETE_REPLY -> throw notAFailure(kind);
        };
    }

    /** A kind that only a snapshot's partial failures carry: no poll fails with it. */
    private static IllegalArgumentException notAFailure(ErrorKind kind) {
        return new IllegalArgumentException(kind + " marks part of a successful snapshot, never a failed poll");
    }
}
