package io.istgt.telemetry.protocol;

import java.nio.charset.StandardCharsets;

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
     * Classifies a line as received, with its line end already removed.
     *
     * @param expectedCommand the command word the reply belongs to; a data line of another command is
     *                        still returned as {@link Data} with the word it carries
     */
    static ReplyLine parse(String line, String expectedCommand) {
        return ReplyLineClassifier.classify(line, expectedCommand);
    }

    /**
     * Classifies the line in {@code bytes[from, to)} as received (UTF-8, its line end removed): the same as
     * {@link #parse(String, String)} of the decoded line. An ASCII line, which is every line istgt sends, is
     * classified on its bytes, so that only the Strings of the result are made (a payload is copied once, not
     * decoded into a line and then copied out of it); any other is decoded first.
     */
    static ReplyLine parse(byte[] bytes, int from, int to, String expectedCommand) {
        if (!LineBytes.isAscii(bytes, from, to)) {
            return parse(new String(bytes, from, to - from, StandardCharsets.UTF_8), expectedCommand);
        }
        return ReplyLineClassifier.classify(new ReplyLineClassifier.AsciiChars(bytes, from, to), expectedCommand);
    }
}
