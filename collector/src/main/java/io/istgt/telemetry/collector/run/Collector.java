package io.istgt.telemetry.collector.run;

import io.istgt.telemetry.client.ClientSettings;
import io.istgt.telemetry.collector.kafka.RecordSink;
import io.istgt.telemetry.collector.publish.CollectorIdentity;
import io.istgt.telemetry.collector.conf.IstgtConfWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling and publishing loop: every target on its own slot grid ({@link PollScheduler}), each poll's
 * records to the {@link RecordSink}. Targets come and go at run time (a watched socket directory).
 *
 * <pre>{@code
 * Collector collector = new Collector(Duration.ofSeconds(10), settings, identity, istgtConf, sink, listener,
 *         schedulerListener, Clock.systemUTC(), System::nanoTime, new SplittableRandom());
 * collector.add("/var/run/istgt_ctl_sock", Path.of("/var/run/istgt_ctl_sock"));
 * ...
 * collector.close(Duration.ofSeconds(10));   // stop polling, close sessions, flush the sink
 * }</pre>
 */
public final class Collector implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final ClientSettings clientSettings;
    private final CollectorIdentity identity;
    private final Path istgtConf;
    private final RecordSink sink;
    private final PollListener listener;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final PollScheduler scheduler;
    private final Map<String, TargetPoller> pollers = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    /**
     * @param istgtConf the istgt.conf read for a target that has none of its own beside its socket
     */
    public Collector(Duration interval, ClientSettings clientSettings, CollectorIdentity identity, Path istgtConf,
                     RecordSink sink, PollListener listener, PollScheduler.Listener schedulerListener, Clock clock,
                     LongSupplier nanoTime, RandomGenerator random) {
        this.clientSettings = Objects.requireNonNull(clientSettings, "clientSettings");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.istgtConf = Objects.requireNonNull(istgtConf, "istgtConf");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.scheduler = new PollScheduler(interval, random, nanoTime, schedulerListener);
    }

    /**
     * Starts polling {@code socket} under the name {@code target}, its istgt.conf the one beside the socket
     * ({@code <socket>.conf}) or the configured one; does nothing if the name is polled already.
     */
    public void add(String target, Path socket) {
        add(target, socket, IstgtConfWatch.candidates(socket, istgtConf));
    }

    /**
     * Starts polling {@code socket} under the name {@code target}, its istgt.conf the first of {@code confCandidates}
     * that exists; does nothing if the name is polled already.
     */
    public void add(String target, Path socket, List<Path> confCandidates) {
        if (!running) {
            return;
        }
        pollers.computeIfAbsent(target, t -> {
            IstgtConfWatch conf = new IstgtConfWatch(t, confCandidates);
            TargetPoller poller = new TargetPoller(t, socket, clientSettings, identity, conf, sink, listener, clock,
                    nanoTime);
            scheduler.add(t, poller::poll);
            log.info("polling {} at {}", t, socket);
            return poller;
        });
    }

    /** Stops polling {@code target}: waits for its poll under way, closes its session, resends what it kept. */
    public void remove(String target) {
        TargetPoller poller = pollers.remove(target);
        if (poller != null) {
            scheduler.remove(target);
            poller.close();
            sink.targetRemoved(target);
            listener.removed(target);
            log.info("stopped polling {}", target);
        }
    }

    public Set<String> targets() {
        return Set.copyOf(pollers.keySet());
    }

    /** True until {@link #close} starts. */
    public boolean running() {
        return running;
    }

    /**
     * Stops polling (polls under way get {@code timeout} to finish), closes every session, then gives the sink
     * {@code flushTimeout} to deliver what it holds.
     */
    public void close(Duration timeout, Duration flushTimeout) throws InterruptedException {
        running = false;
        try {
            scheduler.shutdown(timeout);
        } finally {
            pollers.values().forEach(TargetPoller::close);
            pollers.clear();
            sink.close(flushTimeout);
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
