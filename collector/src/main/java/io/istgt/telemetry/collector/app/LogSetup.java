package io.istgt.telemetry.collector.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The collector's logging, set up in code (logback finds it through {@code META-INF/services}): lines to stderr
 * (stdout carries the snapshot) as {@code HH:mm:ss.SSS LEVEL Logger - message}, level from
 * {@code ISTGT_COLLECTOR_LOG_LEVEL} (default WARN).
 *
 * <p>In code rather than a {@code logback.xml} because reading XML costs a sidecar memory: logback's XML
 * configuration and pattern layout load about 500 classes (Joran, the JDK's XML parser, the pattern parser and its
 * converters) that stay in metaspace for the life of the process. A {@code logback.xml} or {@code logback-test.xml}
 * on the class path, or {@code -Dlogback.configurationFile}, still wins: this then leaves the configuration to
 * logback (the tests, and programs that embed the collector with their own logging).
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    /** The environment variable with the level (TRACE, DEBUG, INFO, WARN, ERROR, OFF). */
    public static final String LEVEL_VARIABLE = "ISTGT_COLLECTOR_LOG_LEVEL";

    private static final String KAFKA_FETCH_OFFSETS = "org.apache.kafka.clients.consumer.internals.OffsetFetcherUtils";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LogSetup.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv(LEVEL_VARIABLE), Level.WARN));
        root.addAppender(appender);
        if (root.getLevel().isGreaterOrEqual(Level.WARN)) {
            // Kafka's consumer warns "Not updating high watermark ... no longer assigned" for every partition a
            // fetch was for once the partitions are unassigned, which the delivery check does by design after each
            // check: a dozen harmless warnings per delivery session would bury the collector's own.
            context.getLogger(KAFKA_FETCH_OFFSETS).setLevel(Level.ERROR);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code %d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n} and the stack trace, without the pattern parser. */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            LocalTime t = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault());
            two(line, t.getHour()).append(':');
            two(line, t.getMinute()).append(':');
            two(line, t.getSecond()).append('.');
            int millis = t.getNano() / 1_000_000;
            line.append(millis < 100 ? (millis < 10 ? "00" : "0") : "").append(millis).append(' ');
            String level = event.getLevel().toString();
            line.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
            String logger = event.getLoggerName();
            line.append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(" - ")
                    .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
            }
            return line.toString();
        }

        private static StringBuilder two(StringBuilder line, int n) {
            return line.append(n < 10 ? "0" : "").append(n);
        }
    }
}
