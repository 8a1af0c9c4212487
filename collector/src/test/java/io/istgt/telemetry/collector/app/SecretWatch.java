package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Checks that a secret shows nowhere a collector puts out: its log lines during the test (captured by this
 * extension), the answers of its HTTP endpoints, and its spool files. Register it with {@code @RegisterExtension}.
 */
final class SecretWatch implements BeforeEachCallback, AfterEachCallback {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        logs.start();
        root().addAppender(logs);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root().detachAppender(logs);
    }

    /** What {@code /metrics}, {@code /readyz} and {@code /healthz} answer now, one after the other. */
    static String probeAnswers(CollectorApp app) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + app.httpPort().orElseThrow();
            StringBuilder all = new StringBuilder();
            for (String path : List.of("/metrics", "/readyz", "/healthz")) {
                all.append(http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
            }
            return all.toString();
        }
    }

    /**
     * @param answers    what the collector answered (readiness, probes, exception messages)
     * @param spoolDir   the collector's spool
     * @param otherFiles further outputs to check (a proxy's logs)
     */
    void assertShowsNowhere(String secret, List<String> answers, Path spoolDir, Path... otherFiles) throws IOException {
        assertThat(answers).as("readiness, health and metrics answers").noneMatch(a -> a.contains(secret));
        List<String> lines = logs.list.stream().map(e -> e.getFormattedMessage()
                + Optional.ofNullable(e.getThrowableProxy()).map(ThrowableProxyUtil::asString).orElse("")).toList();
        assertThat(lines).as("%d log lines", lines.size()).isNotEmpty().noneMatch(l -> l.contains(secret));
        try (Stream<Path> files = Files.walk(spoolDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as("spool file %s", f)
                        .doesNotContain(secret);
            }
        }
        for (Path f : otherFiles) {
            assertThat(Files.readString(f)).as("%s", f).doesNotContain(secret);
        }
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
