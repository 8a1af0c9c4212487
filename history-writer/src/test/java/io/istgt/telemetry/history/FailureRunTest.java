package io.istgt.telemetry.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.history.WriterFailure.Kind;
import org.junit.jupiter.api.Test;

class FailureRunTest {

    private final FailureRun run = new FailureRun();

    @Test
    void shouldBackOffLongerAtEachFailureUpToHalfAMinute() {
        long first = run.failed(Kind.REGISTRY);
        long second = run.failed(Kind.REGISTRY);
        for (int i = 0; i < 20; i++) {
            run.failed(Kind.REGISTRY);
        }
        long late = run.failed(Kind.REGISTRY);

        assertThat(first).as("1 s, 20 % jitter").isBetween(800L, 1_200L);
        assertThat(second).as("2 s, 20 % jitter").isBetween(1_600L, 2_400L);
        assertThat(late).as("30 s at most, 20 % jitter").isBetween(24_000L, 36_000L);
    }

    @Test
    void shouldEndOnlyWhenEveryPartyThatFailedWorksAgain() {
        run.failed(Kind.REGISTRY);
        run.failed(Kind.BROKER);

        assertThat(run.worked(Kind.REGISTRY)).as("the broker still fails").isFalse();
        assertThat(run.failures()).isEqualTo(2);
        assertThat(run.worked(Kind.BROKER)).isTrue();
        assertThat(run.failures()).isZero();
    }

    @Test
    void shouldStartTheBackOffAfreshAfterARunEnded() {
        for (int i = 0; i < 10; i++) {
            run.failed(Kind.BROKER);
        }
        run.worked(Kind.BROKER);

        assertThat(run.failed(Kind.BROKER)).isBetween(800L, 1_200L);
    }

    @Test
    void shouldEndNoRunWhenNothingFailed() {
        assertThat(run.worked(Kind.REGISTRY)).isFalse();
    }
}
