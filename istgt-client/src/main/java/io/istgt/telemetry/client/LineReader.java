package io.istgt.telemetry.client;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.protocol.LineBytes;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Splits the bytes istgt sends into lines, within a length cap and a deadline. Reads in chunks, never more
 * than the cap per line, so a peer that sends megabytes without a line end costs at most the cap in memory.
 */
final class LineReader {

    /** Sets the socket's read timeout; a read then fails with {@link SocketTimeoutException} after it. */
    @FunctionalInterface
    interface ReadTimeout {
        void set(int millis) throws IOException;
    }

    private final InputStream in;
    private final ReadTimeout readTimeout;
    private final ClientSettings settings;
    private final String socketPath;
    private final byte[] chunk = new byte[8192];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[512];
    private int lineLen;
    /** The read timeout last set on the socket, so that it is set (a system call) only when it changes. */
    private int timeoutSet = -1;

    LineReader(InputStream in, ReadTimeout readTimeout, ClientSettings settings, String socketPath) {
        this.in = in;
        this.readTimeout = readTimeout;
        this.settings = settings;
        this.socketPath = socketPath;
    }

    /**
     * The next line without its LF or CRLF, or null at end of stream before any byte of a new line.
     *
     * @param command       the command being served, for error messages; null while reading the greeting
     * @param deadlineNanos {@link System#nanoTime()} after which the request has taken too long
     * @param maxBytes      the longest line accepted
     */
    String readLine(String command, long deadlineNanos, int maxBytes) throws IstgtControlException {
        int len = read(command, deadlineNanos, maxBytes);
        return len < 0 ? null : new String(line, 0, len, StandardCharsets.UTF_8);
    }

    /**
     * Reads the next line as {@link #readLine} does, but leaves it in {@link #bytes()}: its length without the
     * LF or CRLF, or -1 at end of stream before any byte of a new line. The bytes are valid until the next read.
     */
    int read(String command, long deadlineNanos, int maxBytes) throws IstgtControlException {
        lineLen = 0;
        while (true) {
            int lf = LineBytes.indexOf(chunk, chunkPos, chunkEnd, (byte) '\n');
            if (lf >= 0) {
                append(chunkPos, lf - chunkPos, command, maxBytes);
                chunkPos = lf + 1;
                return lineLen > 0 && line[lineLen - 1] == '\r' ? lineLen - 1 : lineLen;
            }
            append(chunkPos, chunkEnd - chunkPos, command, maxBytes);
            chunkPos = chunkEnd;
            if (!fill(command, deadlineNanos)) {
                if (lineLen == 0) {
                    return -1;
                }
                throw new IstgtControlException(ErrorKind.CONNECTION_CLOSED, socketPath, command,
                        "istgt closed the connection in the middle of a line (" + lineLen + " bytes received, no line end)");
            }
        }
    }

    /** The bytes of the line {@link #read} returned last, from index 0. */
    byte[] bytes() {
        return line;
    }

    private void append(int from, int count, String command, int maxBytes) throws IstgtControlException {
        // The CR of a CRLF is not part of the line's length as istgt counts it.
        int contentLen = lineLen + count;
        boolean endsInCr = count > 0 && chunk[from + count - 1] == '\r';
        if (contentLen - (endsInCr ? 1 : 0) > maxBytes) {
            throw new IstgtControlException(ErrorKind.LINE_TOO_LONG, socketPath, command,
                    "a reply line is longer than " + maxBytes + " bytes (istgt's lines are at most 4096): stopped reading it");
        }
        if (contentLen > line.length) {
            line = Arrays.copyOf(line, Math.max(contentLen, Math.min(line.length * 2, maxBytes + 1)));
        }
        System.arraycopy(chunk, from, line, lineLen, count);
        lineLen = contentLen;
    }

    /** Reads more bytes into the chunk; false at end of stream. */
    private boolean fill(String command, long deadlineNanos) throws IstgtControlException {
        long remainingNanos = deadlineNanos - System.nanoTime();
        long readTimeoutMs = settings.readTimeout().toMillis();
        if (remainingNanos <= 0) {
            throw deadlinePassed(command);
        }
        long remainingMs = Math.max(1, (remainingNanos + 999_999) / 1_000_000);
        boolean deadlineBound = remainingMs < readTimeoutMs;
        try {
            int timeout = (int) Math.min(readTimeoutMs, remainingMs);
            if (timeout != timeoutSet) {
                timeoutSet = -1;
                readTimeout.set(timeout);
                timeoutSet = timeout;
            }
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                return false;
            }
            chunkPos = 0;
            chunkEnd = n;
            return true;
        } catch (SocketTimeoutException e) {
            if (deadlineBound) {
                throw deadlinePassed(command);
            }
            throw new IstgtControlException(ErrorKind.TIMEOUT, socketPath, command,
                    "read timed out: istgt sent nothing for " + Durations.format(settings.readTimeout()), e);
        } catch (IOException e) {
            throw new IstgtControlException(ErrorKind.IO_ERROR, socketPath, command,
                    "reading from the socket failed: " + e.getMessage(), e);
        }
    }

    private IstgtControlException deadlinePassed(String command) {
        Duration deadline = settings.requestDeadline();
        return new IstgtControlException(ErrorKind.TIMEOUT, socketPath, command,
                "request deadline of " + Durations.format(deadline) + " passed before the "
                        + (command == null ? "greeting" : "reply") + " was complete");
    }
}
