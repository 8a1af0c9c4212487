package io.istgt.telemetry.sim.wire;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Supplier;

/** Sends byte by byte with a pause before each, while the slow-bytes fault is on; otherwise passes through. */
final class PacedOutputStream extends FilterOutputStream {

    private final Supplier<Duration> perByteDelay;
    private final Pause pause;

    PacedOutputStream(OutputStream out, Supplier<Duration> perByteDelay, Pause pause) {
        super(out);
        this.perByteDelay = perByteDelay;
        this.pause = pause;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Duration delay = perByteDelay.get();
        if (delay == null) {
            out.write(b, off, len);
            return;
        }
        for (int i = 0; i < len; i++) {
            sleep(delay);
            out.write(b[off + i]);
            out.flush();
        }
    }

    @Override
    public void write(int b) throws IOException {
        Duration delay = perByteDelay.get();
        if (delay != null) {
            sleep(delay);
        }
        out.write(b);
    }

    private void sleep(Duration delay) throws InterruptedIOException {
        try {
            pause.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while pacing a slow reply");
            io.initCause(e);
            throw io;
        }
    }
}
