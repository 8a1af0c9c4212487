package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.OpcodeCount;
import java.util.List;

/**
 * Reads a STATS line in one pass, for the shape istgt writes: {@code PDU:n [op:started finished, ...]} and
 * {@code SCSI:n [...]}, sections separated by white space. Every poll of every target reads two such lines, and
 * the regular expressions of {@link StatsParser} were a tenth of a fleet collector's poll time.
 *
 * <p>It accepts a strict subset of what {@link StatsParser}'s expressions accept, with the same values; anything
 * else (a stray character, an empty entry, a count of 19 digits that might overflow, a missing bracket) makes
 * {@link #scan} return false, and the caller reads the line with the expressions, which decide it and word the
 * error exactly as before. {@code StatsScannerTest} checks the two against each other.
 */
final class StatsScanner {

    /** Java's {@code \d{1,19}}: 18 digits always fit a long, a 19th may not, so that case is left to the parser. */
    private static final int MAX_DIGITS = 18;

    private final String line;
    private final int length;
    private int pos;

    private StatsScanner(String line) {
        this.line = line;
        this.length = line.length();
    }

    /**
     * Adds the line's entries to {@code pdus} and {@code scsi} and returns true, or returns false having added
     * nothing when the line is not in the subset.
     */
    static boolean scan(String line, List<OpcodeCount> pdus, List<OpcodeCount> scsi) {
        int pdusBefore = pdus.size();
        int scsiBefore = scsi.size();
        if (new StatsScanner(line).sections(pdus, scsi)) {
            return true;
        }
        pdus.subList(pdusBefore, pdus.size()).clear();
        scsi.subList(scsiBefore, scsi.size()).clear();
        return false;
    }

    private boolean sections(List<OpcodeCount> pdus, List<OpcodeCount> scsi) {
        boolean any = false;
        while (true) {
            skipWhitespace();
            if (pos == length) {
                return any;
            }
            List<OpcodeCount> into;
            if (line.startsWith("PDU:", pos)) {
                pos += 4;
                into = pdus;
            } else if (line.startsWith("SCSI:", pos)) {
                pos += 5;
                into = scsi;
            } else {
                return false;
            }
            // The count before the list is not the list's length (see StatsParser): read past it.
            int from = pos;
            while (pos < length && isDigit(line.charAt(pos))) {
                pos++;
            }
            if (pos == from) {
                return false;
            }
            while (pos < length && isRegexSpace(line.charAt(pos))) {
                pos++;
            }
            if (pos < length && line.charAt(pos) == '[' && !entries(into)) {
                return false;
            }
            any = true;
        }
    }

    /** {@code [}, entries separated by commas (none, or only white space, for an empty list), {@code ]}. */
    private boolean entries(List<OpcodeCount> into) {
        pos++;
        int close = line.indexOf(']', pos);
        if (close < 0) {
            return false;
        }
        if (blank(pos, close)) {
            pos = close + 1;
            return true;
        }
        while (true) {
            OpcodeCount entry = entry(close);
            if (entry == null) {
                return false;
            }
            into.add(entry);
            char c = line.charAt(pos++);
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
        }
    }

    /** {@code <white space><1-2 hex digits>:<digits> <digits><white space>}, up to a comma or {@code end}. */
    private OpcodeCount entry(int end) {
        while (pos < end && isRegexSpace(line.charAt(pos))) {
            pos++;
        }
        int opcode = 0;
        int hexDigits = 0;
        for (int digit; pos < end && (digit = hexDigit(line.charAt(pos))) >= 0; pos++) {
            opcode = opcode * 16 + digit;
            hexDigits++;
        }
        if (hexDigits == 0 || hexDigits > 2 || pos == end || line.charAt(pos++) != ':') {
            return null;
        }
        long started = number(end);
        if (started < 0 || pos == end || line.charAt(pos++) != ' ') {
            return null;
        }
        long finished = number(end);
        if (finished < 0) {
            return null;
        }
        while (pos < end && isRegexSpace(line.charAt(pos))) {
            pos++;
        }
        if (pos < end && line.charAt(pos) != ',') {
            return null;
        }
        return new OpcodeCount(opcode, started, finished);
    }

    /** 1 to 18 ASCII digits, or -1. */
    private long number(int end) {
        int from = pos;
        long value = 0;
        while (pos < end && isDigit(line.charAt(pos))) {
            value = value * 10 + (line.charAt(pos) - '0');
            pos++;
        }
        int digits = pos - from;
        return digits == 0 || digits > MAX_DIGITS ? -1 : value;
    }

    /** White space as {@code String.isBlank} sees it, which is what the parser requires between sections. */
    private void skipWhitespace() {
        while (pos < length && Character.isWhitespace(line.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** An ASCII hex digit's value, or -1 (the parser's {@code [0-9a-fA-F]}). */
    private static int hexDigit(char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** As {@code String.isBlank} of the range, without the substring. */
    private boolean blank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isWhitespace(line.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The regular expressions' {@code \s}: space, tab, LF, vertical tab, form feed, CR. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
