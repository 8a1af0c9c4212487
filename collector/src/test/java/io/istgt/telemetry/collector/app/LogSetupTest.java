package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void shouldWriteTheLineTheXmlPatternWrote() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.istgt.telemetry.collector.app.CollectorApp"),
                Level.INFO, "polling {} targets", null, new Object[] {3});
        event.setTimeStamp(LocalDateTime.of(2026, 11, 25, 9, 5, 7, 42_000_000).atZone(ZoneId.systemDefault())
                .toInstant().toEpochMilli());

        String line = new LogSetup.LineLayout().doLayout(event);

        assertThat(line).isEqualTo("09:05:07.042 INFO  CollectorApp - polling 3 targets" + System.lineSeparator());
    }

    @Test
    void shouldAppendTheStackTrace() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("Top"), Level.ERROR, "failed",
                new IllegalStateException("boom"), null);

        String line = new LogSetup.LineLayout().doLayout(event);

        assertThat(line).contains(" ERROR Top - failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom");
    }

    @Test
    void shouldLeaveTheConfigurationToLogbackWhenALogbackXmlIsOnTheClassPath() {
        // The tests' logback-test.xml is on the class path: the tests keep their own logging.
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
    }
}
