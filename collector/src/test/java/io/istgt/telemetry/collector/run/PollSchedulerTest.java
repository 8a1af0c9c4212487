package io.istgt.telemetry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollSchedulerTest {

    @Test
    void shouldKeepPollingHealthyTargetsWhileOneStalls() throws Exception {
        // given a target whose poll never returns until released, and two healthy ones
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger stalledPolls = new AtomicInteger();
        CountDownLatch healthyPolls = new CountDownLatch(20);
        ConcurrentHashMap<String, AtomicInteger> skipped = new ConcurrentHashMap<>();
        PollScheduler.Listener listener = new PollScheduler.Listener() {
            @Override
            public void started(String target, long latenessNanos) {
            }

            @Override
            public void skipped(String target) {
                skipped.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
            }
        };
        try (PollScheduler scheduler = new PollScheduler(Duration.ofMillis(20), new Random(1), System::nanoTime, listener)) {
            scheduler.add("stalled", () -> {
                stalledPolls.incrementAndGet();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            scheduler.add("a", healthyPolls::countDown);
            scheduler.add("b", healthyPolls::countDown);

            // then the healthy ones are polled again and again
            assertThat(healthyPolls.await(10, TimeUnit.SECONDS)).isTrue();
            // and the stalled one has exactly one poll in flight, its later slots skipped
            assertThat(stalledPolls.get()).isEqualTo(1);
            assertThat(skipped.get("stalled")).isNotNull();
            assertThat(skipped.get("stalled").get()).isPositive();
            release.countDown();
        }
    }

    @Test
    void shouldStopPollingARemovedTarget() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        CountDownLatch firstPoll = new CountDownLatch(1);
        try (PollScheduler scheduler = new PollScheduler(Duration.ofMillis(10), new Random(2), System::nanoTime,
                PollScheduler.Listener.NONE)) {
            scheduler.add("x", () -> {
                polls.incrementAndGet();
                firstPoll.countDown();
            });
            assertThat(firstPoll.await(10, TimeUnit.SECONDS)).isTrue();
            scheduler.remove("x");
            assertThat(scheduler.targets()).isEmpty();
        }
    }

    @Test
    void shouldRejectANonPositiveInterval() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PollScheduler(Duration.ZERO, new Random(),
                System::nanoTime, PollScheduler.Listener.NONE)).hasMessage("poll interval must be positive, got PT0S");
    }
}
