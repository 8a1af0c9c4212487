package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.protocol.ControlProtocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Reads request lines exactly as istgt's {@code istgt_readline_socket}: a line ends at LF, CRLF or a lone CR;
 * a line longer than 4094 bytes is split into 4094-byte requests (istgt has no other limit); at end of
 * stream or on a receive timeout a partial line is still handed over as a request. Reads go through a
 * 4096-byte buffer like istgt's {@code recvtmp}, so pipelined requests are served one after the other.
 */
final class RequestLineReader {

    /** What one read produced. */
    sealed interface Result {
        record Line(byte[] bytes) implements Result {
        }

        record EndOfStream() implements Result {
        }

        /** Nothing arrived within the receive timeout: istgt then closes the connection. */
        record Idle() implements Result {
        }

        record Broken(IOException cause) implements Result {
        }
    }

    private final InputStream in;
    private final byte[] tmp = new byte[ControlProtocol.REPLY_BUFFER_BYTES];
    private int idx;
    private int cnt;

    RequestLineReader(InputStream in) {
        this.in = in;
    }

    Result read() {
        byte[] line = new byte[ControlProtocol.MAX_REQUEST_LINE_BYTES];
        int total = 0;
        boolean gotCr = false;
        while (total < line.length) {
            if (idx == cnt) {
                int n;
                try {
                    n = in.read(tmp);
                } catch (SocketTimeoutException e) {
                    return total > 0 ? line(line, total) : new Result.Idle();
                } catch (IOException e) {
                    return total > 0 ? line(line, total) : new Result.Broken(e);
                }
                if (n < 0) {
                    return total > 0 ? line(line, total) : new Result.EndOfStream();
                }
                cnt = n;
                idx = 0;
            }
            byte ch = tmp[idx++];
            if (gotCr && ch != '\n') {
                // A lone CR ends the line; the byte after it starts the next one.
                idx--;
                total--;
                break;
            } else if (ch == '\n') {
                if (gotCr) {
                    total--;
                }
                break;
            } else if (ch == '\r') {
                gotCr = true;
            }
            line[total++] = ch;
        }
        return line(line, total);
    }

    private static Result line(byte[] line, int total) {
        return new Result.Line(Arrays.copyOf(line, total));
    }
}
