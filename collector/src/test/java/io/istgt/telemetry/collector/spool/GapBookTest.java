package io.istgt.telemetry.collector.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GapBookTest {

    @Test
    void shouldMergeConsecutivePollsOfOneRunAndKeepRunsApart() {
        GapBook book = new GapBook(Map.of());
        for (long seq = 5; seq <= 9; seq++) {
            book.add("/a", 100, seq);
        }
        book.add("/a", 100, 9);
        book.add("/a", 200, 1);
        book.add("/a", 200, 2);
        book.add("/b", 100, 3);

        assertThat(book.of("/a")).containsExactly(new Checkpoint.Gap(100, 5, 9), new Checkpoint.Gap(200, 1, 2));
        assertThat(book.of("/b")).containsExactly(new Checkpoint.Gap(100, 3, 3));

        book.announced("/a", 1);
        assertThat(book.of("/a")).containsExactly(new Checkpoint.Gap(200, 1, 2));
        book.announced("/a", 1);
        book.announced("/b", 1);
        assertThat(book.isEmpty()).isTrue();
    }
}
