package io.istgt.telemetry.collector.run;

import io.istgt.telemetry.client.ClientSettings;
import io.istgt.telemetry.client.IstgtControlException;
import io.istgt.telemetry.client.TargetSession;
import io.istgt.telemetry.client.snapshot.CommandSet;
import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.collector.conf.IstgtConfWatch;
import io.istgt.telemetry.collector.kafka.RecordSink;
import io.istgt.telemetry.collector.publish.CollectorIdentity;
import io.istgt.telemetry.collector.publish.PollError;
import io.istgt.telemetry.collector.publish.PollRecords;
import io.istgt.telemetry.collector.publish.TargetRecorder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's poll: snapshot over its session, records from its recorder, records to the sink. A failed poll
 * is published as failure records. The scheduler runs at most one poll per target at a time, which is what
 * keeps the session and the recorder single-threaded.
 */
final class TargetPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetPoller.class);

    private final String target;
    private final TargetSession session;
    private final TargetRecorder recorder;
    private final IstgtConfWatch conf;
    private final RecordSink sink;
    private final PollListener listener;
    private final Clock clock;
    private final LongSupplier nanoTime;
    /** Held by a poll and by close, so that closing waits for the poll under way and none starts after. */
    private final ReentrantLock lock = new ReentrantLock();
    private boolean failing;
    private boolean closed;

    TargetPoller(String target, Path socket, ClientSettings settings, CollectorIdentity identity, IstgtConfWatch conf,
                 RecordSink sink, PollListener listener, Clock clock, LongSupplier nanoTime) {
        this.target = target;
        this.session = new TargetSession(socket, settings, clock);
        this.recorder = new TargetRecorder(target, identity);
        this.conf = conf;
        this.sink = sink;
        this.listener = listener;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    void poll() {
        lock.lock();
        try {
            if (!closed) {
                pollOnce();
            }
        } finally {
            lock.unlock();
        }
    }

    private void pollOnce() {
        Instant startedAt = clock.instant();
        CommandSet attempted = session.knownCommandSet().orElse(CommandSet.DEEP);
        long start = nanoTime.getAsLong();
        IstgtSnapshot snapshot;
        try {
            snapshot = session.poll();
        } catch (IstgtControlException e) {
            Duration took = Duration.ofNanos(nanoTime.getAsLong() - start);
            PollRecords records = recorder.failure(PollError.of(e), startedAt, attempted, took);
            if (!failing) {
                log.warn("poll of {} failed: {}", target, e.getMessage());
            } else {
                log.debug("poll of {} failed again ({} in a row): {}", target, recorder.consecutiveFailures(),
                        e.getMessage());
            }
            failing = true;
            sink.publish(target, records);
            listener.failed(target, e.kind(), took, records.size());
            return;
        }
        Duration took = Duration.ofNanos(nanoTime.getAsLong() - start);
        PollRecords records = recorder.success(snapshot, took, conf::settingsFor);
        sink.publish(target, records);
        boolean published = records.volumes().stream().allMatch(v -> v.value().getFailure() == null);
        if (published) {
            if (failing) {
                log.info("poll of {} succeeded again", target);
            }
            failing = false;
            listener.succeeded(target, snapshot, took, records.size());
        } else {
            // The snapshot lacked a value the records require: published as a malformed poll.
            var failure = records.volumes().getFirst().value().getFailure();
            log.warn("poll of {}: {}", target, failure.getMessage());
            failing = true;
            listener.failed(target, ErrorKind.JSON_MALFORMED, took, records.size());
        }
    }

    /** Waits for a poll under way, then says QUIT; no poll runs afterwards. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            session.close();
        } finally {
            lock.unlock();
        }
    }
}
