package io.istgt.telemetry.protocol;

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
        if (line.startsWith(ControlProtocol.ERR_PREFIX)) {
            return new Err(line.substring(ControlProtocol.ERR_PREFIX.length()));
        }
        if (line.equals("ERR")) {
            return new Err("");
        }
        if (line.startsWith(ControlProtocol.OK_PREFIX)
                && line.indexOf(' ', ControlProtocol.OK_PREFIX.length()) < 0) {
            return new Ok(line.substring(ControlProtocol.OK_PREFIX.length()));
        }
        int space = line.indexOf(' ');
        if (space < 0) {
            return new Data(line, "");
        }
        String word = line.substring(0, space);
        int payloadStart = space;
        while (payloadStart < line.length() && line.charAt(payloadStart) == ' ') {
            payloadStart++;
        }
        return new Data(word.equalsIgnoreCase(expectedCommand) ? expectedCommand : word, line.substring(payloadStart));
    }
}
