package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.forwarder.ChangeQueue.Change;
import io.istgt.telemetry.schemas.Alert;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one Alertmanager gets, on a thread of its own, so a member that is down delays no other.
 *
 * <p>Changes first: a new alert never waits behind the periodic re-send. A change batch is sent until Alertmanager
 * answers it (retried with exponential back-off while it fails, however long), then its offsets count as done for
 * this Alertmanager. A batch refused (400/422) is split in halves until the refused alerts are alone; those are
 * logged, counted and dropped, the rest delivered. Every {@link SendSettings#resendInterval()} (and at once when
 * Alertmanager answers again after failing: a restarted one holds no alerts) the whole firing set is sent again,
 * in batches paced by {@link SendSettings#resendRate()}; a re-send that fails is not retried on its own: the next
 * one comes soon after.
 *
 * <p>Alerts are mapped when sent, not when read, so a firing alert that waited out an outage is sent with an
 * {@code endsAt} ahead of the time it arrives.
 */
final class TargetSender implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetSender.class);

    private final AlertmanagerClient client;
    private final AlertMapping mapping;
    private final Supplier<List<Alert>> firing;
    private final SendSettings settings;
    private final ForwarderMetrics metrics;
    private final InstantSource clock;
    private final ChangeQueue queue = new ChangeQueue();
    private final Map<TopicPartition, Long> done = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread thread;
    private volatile Optional<String> failing = Optional.of("not tried yet");
    private volatile boolean resendNow = true;
    private volatile Throwable died;

    TargetSender(AlertmanagerClient client, AlertMapping mapping, Supplier<List<Alert>> firing, SendSettings settings,
                 ForwarderMetrics metrics, InstantSource clock) {
        this.client = client;
        this.mapping = mapping;
        this.firing = firing;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        metrics.target(client.name());
        metrics.watchQueued(client.name(), queue::size);
        this.thread = Thread.ofPlatform().name("alertmanager-" + client.name()).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    String name() {
        return client.name();
    }

    /** A change read from Kafka, for this Alertmanager. */
    void offer(Change change) {
        queue.add(change);
    }

    int queued() {
        return queue.size();
    }

    /** Per partition, the offset after the last change this Alertmanager answered (accepted or refused). */
    Map<TopicPartition, Long> done() {
        return Map.copyOf(done);
    }

    /** Why this Alertmanager is not being reached, or empty while it answers. */
    Optional<String> failing() {
        return failing;
    }

    /** False once the sending thread has died of an unexpected error (a bug): the program is not alive then. */
    boolean alive() {
        return died == null;
    }

    private void run() {
        Deque<Alert> resend = new ArrayDeque<>();
        Instant nextResend = clock.instant();
        Instant nextResendBatch = Instant.MIN;
        Duration backoff = settings.initialBackoff();
        try {
            while (closed.getCount() > 0) {
                List<Change> changes = queue.peek(settings.batchSize());
                if (!changes.isEmpty()) {
                    if (deliverChanges(changes)) {
                        queue.removeHead(changes.size());
                        for (Change c : changes) {
                            done.merge(c.partition(), c.offset() + 1, Math::max);
                        }
                    }
                    continue;
                }
                Instant now = clock.instant();
                if (resendNow || !now.isBefore(nextResend)) {
                    resendNow = false;
                    resend = new ArrayDeque<>(firing.get());
                    nextResend = now.plus(settings.resendInterval());
                    if (resend.isEmpty() && failing.isPresent()) {
                        // Nothing fires, yet whether this Alertmanager answers is what /readyz tells: an empty
                        // batch asks it.
                        if (post(List.of(), ForwarderMetrics.Reason.RESEND) instanceof PostOutcome.Failed) {
                            nextResend = clock.instant().plus(backoff);
                            backoff = longer(backoff);
                        } else {
                            backoff = settings.initialBackoff();
                        }
                    }
                }
                if (resend.isEmpty()) {
                    queue.await(Duration.between(now, nextResend));
                    continue;
                }
                if (now.isBefore(nextResendBatch)) {
                    queue.await(Duration.between(now, nextResendBatch));
                    continue;
                }
                List<Alert> batch = new ArrayList<>(settings.batchSize());
                while (batch.size() < settings.batchSize() && !resend.isEmpty()) {
                    batch.add(resend.pollFirst());
                }
                PostOutcome outcome = post(batch, ForwarderMetrics.Reason.RESEND);
                switch (outcome) {
                    case PostOutcome.Accepted a -> backoff = settings.initialBackoff();
                    case PostOutcome.Refused r -> {
                        backoff = settings.initialBackoff();
                        // Rare for alerts that were accepted once: one by one, so only the refused ones are lost.
                        deliverSplit(batch, ForwarderMetrics.Reason.RESEND);
                    }
                    case PostOutcome.Failed f -> {
                        resend.clear();
                        nextResend = clock.instant().plus(backoff);
                        backoff = longer(backoff);
                    }
                }
                nextResendBatch = clock.instant().plusNanos((long) (batch.size() * 1e9 / settings.resendRate()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            died = e;
            failing = Optional.of("its sender stopped on an unexpected error: " + e);
            log.error("Sending to Alertmanager {} stopped on an unexpected error", client.name(), e);
        }
    }

    /**
     * Sends the changes until Alertmanager has answered each (accepted, or refused one by one).
     *
     * @return false when closed before that
     */
    private boolean deliverChanges(List<Change> changes) throws InterruptedException {
        List<Alert> alerts = changes.stream().map(Change::alert).toList();
        Duration backoff = settings.initialBackoff();
        while (closed.getCount() > 0) {
            PostOutcome outcome = post(alerts, ForwarderMetrics.Reason.CHANGE);
            switch (outcome) {
                case PostOutcome.Accepted a -> {
                    return true;
                }
                case PostOutcome.Refused r -> {
                    return deliverSplit(alerts, ForwarderMetrics.Reason.CHANGE);
                }
                case PostOutcome.Failed f -> {
                    if (closed.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return false;
                    }
                    backoff = longer(backoff);
                }
            }
        }
        return false;
    }

    /**
     * Finds the refused alerts of a batch that was refused: halves until each refused alert is alone (log n
     * requests per refused alert), logging and counting those, delivering the rest. Parts that fail are retried.
     */
    private boolean deliverSplit(List<Alert> refusedBatch, ForwarderMetrics.Reason reason)
            throws InterruptedException {
        Deque<List<Alert>> parts = new ArrayDeque<>();
        if (refusedBatch.size() == 1) {
            parts.push(refusedBatch);
        } else {
            parts.push(refusedBatch.subList(refusedBatch.size() / 2, refusedBatch.size()));
            parts.push(refusedBatch.subList(0, refusedBatch.size() / 2));
        }
        Duration backoff = settings.initialBackoff();
        while (!parts.isEmpty()) {
            if (closed.getCount() == 0) {
                return false;
            }
            List<Alert> part = parts.peek();
            PostOutcome outcome = post(part, reason);
            switch (outcome) {
                case PostOutcome.Accepted a -> parts.pop();
                case PostOutcome.Refused r -> {
                    parts.pop();
                    if (part.size() == 1) {
                        metrics.refused(client.name(), 1);
                        log.warn("Alertmanager {} refused {} with {}: {}; dropped it (counted in"
                                        + " istgt_forwarder_alerts_refused_total)", client.name(),
                                mapping.map(part.getFirst(), clock.instant()), r.status(), r.reason());
                    } else {
                        parts.push(part.subList(part.size() / 2, part.size()));
                        parts.push(part.subList(0, part.size() / 2));
                    }
                }
                case PostOutcome.Failed f -> {
                    if (closed.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        return false;
                    }
                    backoff = longer(backoff);
                }
            }
        }
        return true;
    }

    private PostOutcome post(List<Alert> alerts, ForwarderMetrics.Reason reason) throws InterruptedException {
        Instant now = clock.instant();
        List<AlertmanagerAlert> mapped = alerts.stream().map(a -> mapping.map(a, now)).toList();
        metrics.sent(client.name(), reason, mapped.size());
        long started = System.nanoTime();
        PostOutcome outcome = client.post(mapped);
        metrics.outcome(client.name(), outcome, mapped.size(), (System.nanoTime() - started) / 1e9);
        if (outcome instanceof PostOutcome.Failed f) {
            if (failing.isEmpty() || !failing.get().equals(f.reason())) {
                log.warn("Alertmanager {}: {}; retrying with back-off", client.name(), f.reason());
            }
            failing = Optional.of(f.reason());
        } else if (failing.isPresent()) {
            if (!failing.get().equals("not tried yet")) {
                log.info("Alertmanager {} answers again; sending every firing alert again", client.name());
            }
            failing = Optional.empty();
            // A restarted Alertmanager holds no alerts; one that was unreachable longer than the validity has
            // ended them: what fires now goes again at once, after the changes.
            resendNow = true;
        }
        return outcome;
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    @Override
    public void close() {
        closed.countDown();
        queue.wake();
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
