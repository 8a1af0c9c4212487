package io.istgt.telemetry.client.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ModelValidationTest {

    @Test
    void shouldKeepReplicaIdsUpToTheUnsigned64BitMaximum() {
        assertThat(ReplicaId.of("18446744073709551615").value()).isEqualTo("18446744073709551615");
        assertThat(ReplicaId.of("0").value()).isEqualTo("0");
    }

    @Test
    void shouldRejectReplicaIdsThatAreNotUnsigned64BitDecimals() {
        assertThatThrownBy(() -> ReplicaId.of("18446744073709551616")).hasMessage(
                "a replica id must be an unsigned 64-bit decimal number without leading zeros, got '18446744073709551616'");
        assertThatThrownBy(() -> ReplicaId.of("-1"))
                .hasMessage("a replica id must be an unsigned 64-bit decimal number, got '-1'");
        assertThatThrownBy(() -> ReplicaId.of("06161")).hasMessage(
                "a replica id must be an unsigned 64-bit decimal number without leading zeros, got '06161'");
    }

    @Test
    void shouldOrderReplicaIdsNumerically() {
        assertThat(new TreeSet<>(List.of(ReplicaId.of("16178149552629799470"), ReplicaId.of("6162"),
                ReplicaId.of("6161")))).extracting(ReplicaId::value)
                .containsExactly("6161", "6162", "16178149552629799470");
    }

    @Test
    void shouldRejectANegativeCounterNamingIt() {
        assertThatThrownBy(() -> new QueueLengths(0L, -1L, 0L, 0L))
                .hasMessage("maintBlockedQLen must not be negative, got -1");
    }

    @Test
    void shouldRejectAHistogramWhoseBoundsDoNotAscend() {
        assertThatThrownBy(() -> new LoginDurationHistogram(List.of(5L, 1L), List.of(0L, 0L, 0L), 0L))
                .hasMessage("login duration histogram bounds must ascend, got [5, 1]");
    }
}
