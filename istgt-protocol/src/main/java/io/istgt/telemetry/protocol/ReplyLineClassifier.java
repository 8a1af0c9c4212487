package io.istgt.telemetry.protocol;

import io.istgt.telemetry.protocol.ReplyLine.Data;
import io.istgt.telemetry.protocol.ReplyLine.Err;
import io.istgt.telemetry.protocol.ReplyLine.Ok;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** The classification, written once over either a String or the bytes of an ASCII line. */
final class ReplyLineClassifier {

    private ReplyLineClassifier() {
    }

    static ReplyLine classify(CharSequence line, String expectedCommand) {
        int length = line.length();
        if (startsWith(line, ControlProtocol.ERR_PREFIX)) {
            return new Err(rest(line, ControlProtocol.ERR_PREFIX.length()));
        }
        if (length == 3 && startsWith(line, "ERR")) {
            return new Err("");
        }
        if (startsWith(line, ControlProtocol.OK_PREFIX)
                && indexOfSpace(line, ControlProtocol.OK_PREFIX.length()) < 0) {
            return new Ok(rest(line, ControlProtocol.OK_PREFIX.length()));
        }
        int space = indexOfSpace(line, 0);
        if (space < 0) {
            return new Data(line.toString(), "");
        }
        int payloadStart = space;
        while (payloadStart < length && line.charAt(payloadStart) == ' ') {
            payloadStart++;
        }
        String word = line.subSequence(0, space).toString();
        return new Data(word.equalsIgnoreCase(expectedCommand) ? expectedCommand : word, rest(line, payloadStart));
    }

    private static boolean startsWith(CharSequence line, String prefix) {
        if (line.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfSpace(CharSequence line, int from) {
        for (int i = from; i < line.length(); i++) {
            if (line.charAt(i) == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static String rest(CharSequence line, int from) {
        return line.subSequence(from, line.length()).toString();
    }

    /** The characters of an ASCII line's bytes, without copying them; a sub-sequence is made as its String. */
    record AsciiChars(byte[] bytes, int from, int to) implements CharSequence {

        AsciiChars {
            Objects.checkFromToIndex(from, to, bytes.length);
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return (char) bytes[from + Objects.checkIndex(index, length())];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            Objects.checkFromToIndex(start, end, length());
            // ISO-8859-1 decodes each byte to the char of the same value: for ASCII what UTF-8 gives, as a copy.
            return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }
}
