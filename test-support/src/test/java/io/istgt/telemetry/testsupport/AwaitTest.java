package io.istgt.telemetry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AwaitTest {

    @Test
    void shouldReturnTheFirstValueTheConditionAccepts() throws Exception {
        AtomicInteger reads = new AtomicInteger();

        int value = Await.atMost(Duration.ofSeconds(10)).every(Duration.ofMillis(1))
                .until(reads::incrementAndGet, n -> n >= 3, n -> "only " + n);

        assertThat(value).isEqualTo(3);
        assertThat(reads).hasValue(3);
    }

    @Test
    void shouldFailAfterTheBoundSayingWhatWasStillMissing() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> Await.atMost(Duration.ofMillis(200)).until(() -> 7, n -> n > 10,
                n -> "the count is still " + n))
                .isInstanceOf(AssertionError.class)
                .hasMessage("not within 200 ms: the count is still 7");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void shouldEndTheWaitWithWhatTheReadThrows() {
        IOException gone = new IOException("the process exited");

        assertThatThrownBy(() -> Await.atMost(Duration.ofSeconds(60)).until(() -> {
            throw gone;
        }, () -> "never asked")).isSameAs(gone);
    }
}
