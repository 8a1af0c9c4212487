package io.istgt.telemetry.collector.run;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each target's poll on its own slot grid: every {@code interval}, at a per-target phase drawn once in
 * {@code [0, interval)} so that a thousand targets do not all hit their istgt (and the broker) in the same
 * millisecond. One request in flight per target: a slot that comes while the previous poll still runs is
 * skipped and counted, so a stalled target never queues polls, and never delays another target, because
 * every poll runs on its own virtual thread and the single scheduler thread only dispatches.
 *
 * <p>The phases lie on a grid of {@link #TICK} (finer for short intervals), the same for every target, so that
 * the slots of a large fleet come in groups that the scheduler thread dispatches in one wake-up. Waking once per
 * slot, at a thousand targets a second, the scheduler thread alone took 2 % of a core (0.6 % on the grid), and
 * the carrier threads woke as often. A slot is as punctual as before; slots merely share their start times.
 */
public final class PollScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PollScheduler.class);

    /** What the scheduler tells about each slot, for metrics. */
    public interface Listener {
        /** A poll started {@code latenessNanos} after its slot. */
        void started(String target, long latenessNanos);

        /** A slot passed while the target's previous poll was still running. */
        void skipped(String target);

        Listener NONE = new Listener() {
            @Override
            public void started(String target, long latenessNanos) {
            }

            @Override
            public void skipped(String target) {
            }
        };
    }

    /** The grid of the phases: 100 groups of slots per second at most. */
    static final Duration TICK = Duration.ofMillis(10);

    private final Duration interval;
    private final long tickNanos;
    /** Where every target's slot grid starts, so that slots of targets added at different times line up. */
    private final long originNanos = System.nanoTime();
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final Listener listener;
    private final ScheduledExecutorService dispatcher;
    private final ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Registration> targets = new ConcurrentHashMap<>();

    private record Registration(ScheduledFuture<?> future, AtomicBoolean inFlight) {
    }

    public PollScheduler(Duration interval, RandomGenerator random, LongSupplier nanoTime, Listener listener) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("poll interval must be positive, got " + interval);
        }
        this.interval = interval;
        this.tickNanos = Math.max(1, Math.min(TICK.toNanos(), interval.toNanos() / 10));
        this.random = Objects.requireNonNull(random, "random");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.dispatcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poll-scheduler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts polling a target; does nothing if it is polled already. */
    public void add(String target, Runnable poll) {
        targets.computeIfAbsent(target, t -> {
            long periodNanos = interval.toNanos();
            long firstDelay = firstDelay(periodNanos, random.nextLong(Math.max(1, periodNanos / tickNanos)) * tickNanos);
            long firstSlot = nanoTime.getAsLong() + firstDelay;
            AtomicBoolean inFlight = new AtomicBoolean();
            long[] slot = {firstSlot};
            ScheduledFuture<?> future = dispatcher.scheduleAtFixedRate(() -> {
                long due = slot[0];
                slot[0] += periodNanos;
                if (!inFlight.compareAndSet(false, true)) {
                    listener.skipped(t);
                    return;
                }
                polls.execute(() -> {
                    try {
                        listener.started(t, Math.max(0, nanoTime.getAsLong() - due));
                        poll.run();
                    } catch (RuntimeException e) {
                        // A poll reports its own failures; this is a bug, and must not end the schedule.
                        log.error("poll of {} threw; it will be polled again at its next slot", t, e);
                    } finally {
                        inFlight.set(false);
                    }
                });
            }, firstDelay, periodNanos, TimeUnit.NANOSECONDS);
            return new Registration(future, inFlight);
        });
    }

    /** How long from now to the next slot of the grid {@code origin + phase + n * period}. */
    private long firstDelay(long periodNanos, long phaseNanos) {
        long sinceFirst = System.nanoTime() - originNanos - phaseNanos;
        return sinceFirst <= 0 ? -sinceFirst : periodNanos - Math.floorMod(sinceFirst, periodNanos);
    }

    /** Stops polling a target (a poll under way finishes). */
    public void remove(String target) {
        Registration r = targets.remove(target);
        if (r != null) {
            r.future().cancel(false);
        }
    }

    public java.util.Set<String> targets() {
        return java.util.Set.copyOf(targets.keySet());
    }

    /** Stops scheduling and waits up to {@code timeout} for polls under way. */
    public void shutdown(Duration timeout) throws InterruptedException {
        dispatcher.shutdownNow();
        polls.shutdown();
        if (!polls.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("{} polls still running after {}; interrupting them", targets.size(), timeout);
            polls.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        shutdown(Duration.ofSeconds(5));
    }
}
