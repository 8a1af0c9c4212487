package io.istgt.telemetry.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Start-up progress, one numbered step at a time: on a terminal the step's line ticks its elapsed time until
 * it is done; elsewhere a "starting" line and a "ready" line.
 *
 * <pre>
 * [2/7] Kafka 4.3.1 broker (KRaft) ... ready in 3.1 s: 127.0.0.1:41234 (pid 1234)
 * </pre>
 */
final class Progress {

    private final PrintStream out;
    private final boolean tty;
    private final int steps;
    private int step;

    Progress(PrintStream out, boolean tty, int steps) {
        this.out = out;
        this.tty = tty;
        this.steps = steps;
    }

    /** Runs {@code action} as the next step, showing {@code what} while it runs and {@code done} of its result after. */
    <T> T step(String what, Callable<T> action, Function<T, String> done) throws Exception {
        step++;
        String prefix = "[" + step + "/" + steps + "] " + what + " ...";
        long started = System.nanoTime();
        Thread ticker = null;
        if (tty) {
            out.print(prefix);
            out.flush();
            ticker = Thread.ofVirtual().start(() -> tick(prefix, started));
        } else {
            out.println(prefix);
        }
        try {
            T result = action.call();
            stop(ticker);
            String line = (tty ? "\r\033[2K" + prefix : "      " + what) + " ready in " + seconds(started) + ": "
                    + done.apply(result);
            out.println(line);
            return result;
        } catch (Exception | Error e) {
            stop(ticker);
            out.println((tty ? "\r\033[2K" + prefix : "      " + what) + " FAILED after " + seconds(started));
            throw e;
        }
    }

    /** A line of its own between steps. */
    void note(String text) {
        out.println(text);
    }

    private void tick(String prefix, long started) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(Duration.ofMillis(250));
                synchronized (out) {
                    out.print("\r\033[2K" + prefix + " " + seconds(started));
                    out.flush();
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop(Thread ticker) throws InterruptedException {
        if (ticker != null) {
            ticker.interrupt();
            ticker.join();
        }
    }

    static String seconds(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }
}
