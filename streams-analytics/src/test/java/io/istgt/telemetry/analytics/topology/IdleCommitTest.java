package io.istgt.telemetry.analytics.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdleCommitTest {

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final IdleCommit idleCommit = new IdleCommit();
    private CapturedPunctuator tick;

    @BeforeEach
    void schedule() {
        idleCommit.schedule(context);
        assertThat(context.scheduledPunctuators()).hasSize(1);
        tick = context.scheduledPunctuators().get(0);
        assertThat(tick.getInterval()).isEqualTo(IdleCommit.TICK);
    }

    @Test
    void shouldAskForACommitOnceATaskThatProcessedRecordsIsIdleForATick() {
        idleCommit.processed();
        tick.getPunctuator().punctuate(0);
        // still busy during that tick: no commit asked
        assertThat(context.committed()).isFalse();

        tick.getPunctuator().punctuate(500);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void shouldNotAskWhileBusyNorAgainOnceCommitted() {
        for (int i = 0; i < 5; i++) {
            idleCommit.processed();
            tick.getPunctuator().punctuate(500L * i);
        }
        assertThat(context.committed()).isFalse();

        tick.getPunctuator().punctuate(3000);
        context.resetCommit();
        tick.getPunctuator().punctuate(3500);

        assertThat(context.committed()).isFalse();
    }
}
