package io.istgt.telemetry.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One line of an istgt control reply, classified. A reply is zero or more {@link Data} lines, then either
 * {@link Ok} or a single {@link Err} (istgt sends no OK after an ERR).
 */
public sealed interface ReplyLine {

    /** {@code <CMD><one or two spaces><payload>}. */
    record Data(String command, String payload) implements ReplyLine {
    }

    /** {@code OK <CMD>}: the reply to {@code command} is complete. */
    record Ok(String command) implements ReplyLine {
    }

    /** {@code ERR <message>}: the request failed; no OK follows. */
    record Err(String message) implements ReplyLine {
    }

    /**
     * Classifies the line in {@code bytes[from, to)} as received (UTF-8, its line end removed). The line is split at
     * its ASCII bytes ({@code ERR }, {@code OK }, spaces), which no byte of a multi-byte UTF-8 character can be, and
     * only the parts kept are decoded, so a payload is copied once.
     *
     * @param expectedCommand the command word the reply belongs to; a data line of another command is
     *                        still returned as {@link Data} with the word it carries
     */
    static ReplyLine parse(byte[] bytes, int from, int to, String expectedCommand) {
        Objects.checkFromToIndex(from, to, bytes.length);
        if (startsWith(bytes, from, to, ControlProtocol.ERR_PREFIX)) {
            return new Err(text(bytes, from + ControlProtocol.ERR_PREFIX.length(), to));
        }
        if (to - from == 3 && startsWith(bytes, from, to, "ERR")) {
            return new Err("");
        }
        int afterOk = from + ControlProtocol.OK_PREFIX.length();
        if (startsWith(bytes, from, to, ControlProtocol.OK_PREFIX) && indexOfSpace(bytes, afterOk, to) < 0) {
            return new Ok(text(bytes, afterOk, to));
        }
        int space = indexOfSpace(bytes, from, to);
        if (space < 0) {
            return new Data(text(bytes, from, to), "");
        }
        int payloadStart = space;
        while (payloadStart < to && bytes[payloadStart] == ' ') {
            payloadStart++;
        }
        String word = text(bytes, from, space);
        return new Data(word.equalsIgnoreCase(expectedCommand) ? expectedCommand : word, text(bytes, payloadStart, to));
    }

    private static boolean startsWith(byte[] bytes, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfSpace(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
