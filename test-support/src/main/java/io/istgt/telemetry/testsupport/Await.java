package io.istgt.telemetry.testsupport;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition instead of sleeping for a guessed time: reads a value again and again until it is what
 * the test waits for, and fails after a bound with a message that says what was still missing.
 *
 * <pre>{@code
 * Await.atMost(Duration.ofSeconds(60)).until(() -> collector.metric("istgt_collector_spool_records"),
 *         spooled -> spooled == 0, spooled -> spooled + " records still in the spool");
 * // AssertionError: "not within 60 s: 12 records still in the spool"
 * }</pre>
 *
 * <p>The bound is how long the test may take on a busy 2-core machine, not how long the thing usually takes: pick
 * it generously, since waiting costs only when the condition fails. A read that throws ends the wait with that
 * exception (a wait for a process that has died should say so at once, not after the bound).
 */
public final class Await {

    /** How often the condition is read unless told otherwise. */
    public static final Duration DEFAULT_EVERY = Duration.ofMillis(50);

    /** A read of what a test waits for; it may throw (an HTTP scrape, an admin call). */
    @FunctionalInterface
    public interface Read<T> {
        T read() throws Exception;
    }

    /** A condition; it may throw. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private final Duration bound;
    private final Duration every;

    private Await(Duration bound, Duration every) {
        this.bound = Objects.requireNonNull(bound, "bound");
        this.every = Objects.requireNonNull(every, "every");
    }

    /** A wait that fails once {@code bound} has passed. */
    public static Await atMost(Duration bound) {
        return new Await(bound, DEFAULT_EVERY);
    }

    /** Reads the condition every {@code interval} (for a read that costs, e.g. a metrics scrape). */
    public Await every(Duration interval) {
        return new Await(bound, interval);
    }

    /**
     * Reads {@code read} until {@code done} accepts what it read, and returns that value.
     *
     * @param missing what was still missing, from the last value read, for the failure message
     * @throws AssertionError when {@code done} did not accept a value within the bound
     */
    public <T> T until(Read<T> read, Predicate<? super T> done, Function<? super T, String> missing)
            throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            T value = read.read();
            if (done.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("not within " + describe(bound) + ": " + missing.apply(value));
            }
            Thread.sleep(every.toMillis());
        }
    }

    /**
     * Reads {@code condition} until it holds.
     *
     * @param missing what was still missing, for the failure message (asked once, when the wait fails)
     * @throws AssertionError when the condition did not hold within the bound
     */
    public void until(Condition condition, Supplier<String> missing) throws Exception {
        until(condition::holds, Boolean::booleanValue, ignored -> missing.get());
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
