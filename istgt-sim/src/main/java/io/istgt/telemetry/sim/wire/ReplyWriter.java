package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.protocol.ControlProtocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends reply lines exactly as istgt does. istgt formats each line, with a trailing {@code \n}, into its
 * 4096-byte send buffer with {@code vsnprintf}, so a longer line keeps its first 4095 bytes and loses its
 * {@code \n}; {@code istgt_writeline_socket} then sends the text with every line end turned into CRLF and
 * appends CRLF to a text that has none. So a cut line still ends in CRLF: 4095 bytes + CRLF on the wire.
 * istgt's {@code istgt_uctl_writeline} notices that it sent more bytes than {@code strlen(sendbuf)} and
 * reports an error, and the command handler returns at once: no further lines and no {@code OK} follow a cut
 * line (the connection stays open). {@link #writeLine} returns false in that case.
 */
final class ReplyWriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_TEXT = ControlProtocol.REPLY_BUFFER_BYTES - 1;

    private final OutputStream out;

    ReplyWriter(OutputStream out) {
        this.out = out;
    }

    /** Sends one line (given without its line end); returns false if istgt would have cut it. */
    boolean writeLine(String line) throws IOException {
        byte[] text = (line + "\n").getBytes(StandardCharsets.ISO_8859_1);
        int len = Math.min(text.length, MAX_TEXT);
        long sent = writeWithCrlf(text, len);
        out.flush();
        return sent == len;
    }

    /** Sends raw bytes, for faults that break the protocol on purpose. */
    void writeRaw(byte[] bytes, int off, int len) throws IOException {
        out.write(bytes, off, len);
        out.flush();
    }

    // istgt_writeline_socket, byte for byte; returns its count (line ends count once, appended CRLF twice).
    private long writeWithCrlf(byte[] up, int len) throws IOException {
        int base = 0;
        int idx = 0;
        long total = 0;
        while (base + idx < len) {
            byte ch = up[base + idx];
            if (ch == '\r') {
                if (base + idx + 1 < len && up[base + idx + 1] == '\n') {
                    out.write(up, base, idx + 2);
                    idx += 2;
                } else {
                    out.write(up, base, idx);
                    idx += 1;
                    out.write(CRLF);
                }
            } else if (ch == '\n') {
                out.write(up, base, idx);
                idx += 1;
                out.write(CRLF);
            } else {
                idx++;
                continue;
            }
            base += idx;
            total += idx;
            idx = 0;
        }
        if (idx != 0) {
            out.write(up, base, idx);
            out.write(CRLF);
            total += idx + 2;
        }
        return total;
    }
}
