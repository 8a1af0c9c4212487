package io.istgt.telemetry.analytics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorFamilyTest {

    @Test
    void shouldCopyAStateMapThatLaterChangesToTheSourceDoNotReach() {
        Map<ErrorFamily, Long> source = new HashMap<>(Map.of(ErrorFamily.IO_ERRORS, 3L, ErrorFamily.CONNECTION_ERRORS, 1L));

        Map<ErrorFamily, Long> copy = ErrorFamily.copyOf(source);
        source.put(ErrorFamily.IO_ERRORS, 4L);

        assertThat(copy).containsExactly(Map.entry(ErrorFamily.CONNECTION_ERRORS, 1L), Map.entry(ErrorFamily.IO_ERRORS, 3L));
        assertThatThrownBy(() -> copy.put(ErrorFamily.LOGIN_FAILURES, 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldRejectANullCountAsMapCopyOfDid() {
        Map<ErrorFamily, Long> source = new HashMap<>();
        source.put(ErrorFamily.IO_ERRORS, null);

        assertThatThrownBy(() -> ErrorFamily.copyOf(source)).isInstanceOf(NullPointerException.class)
                .hasMessage("value");
    }
}
