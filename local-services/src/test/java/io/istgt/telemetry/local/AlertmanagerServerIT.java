package io.istgt.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's prometheus-alertmanager (CI installs it; skipped where it is not installed). */
class AlertmanagerServerIT {

    private static final String CONFIG = """
            route:
              receiver: none
            receivers:
              - name: none
            """;

    @BeforeAll
    static void installed() {
        assumeTrue(AlertmanagerServer.installed(), AlertmanagerServer.BINARY + " is missing: "
                + AlertmanagerServer.INSTALL);
    }

    @Test
    void shouldAnswerOnLoopbackKeepItsDataAcrossARestartAndLeaveNothingRunningWhenClosed(@TempDir Path dir)
            throws Exception {
        AlertmanagerServer am = AlertmanagerServer.builder().dir(dir.resolve("am")).config(CONFIG).start();
        ProcessHandle first = am.process().orElseThrow();

        assertThat(am.url()).isEqualTo("http://127.0.0.1:" + am.port());
        assertThat(get(am.url() + "/api/v2/status").statusCode()).isEqualTo(200);
        assertThat(dir.resolve("am/alertmanager.yml")).hasContent(CONFIG.strip());
        assertThat(dir.resolve("am/data")).isDirectory();

        am.stop();
        assertThat(first.isAlive()).isFalse();
        am.restart();
        assertThat(get(am.url() + "/-/ready").statusCode()).as("the same port again").isEqualTo(200);
        ProcessHandle second = am.process().orElseThrow();
        am.close();

        assertThat(second.isAlive()).isFalse();
        assertThat(LoopbackPorts.isListening(am.port())).isFalse();
        assertThat(am.log()).isRegularFile();
    }

    @Test
    void shouldRefuseATakenPortBeforeStartingAnything(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> AlertmanagerServer.builder().dir(dir).config(CONFIG).port(taken.getLocalPort())
                    .start())
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("so Alertmanager cannot listen there");
        }
    }

    @Test
    void shouldSayWithItsOutputWhyItDidNotStart(@TempDir Path dir) {
        assertThatThrownBy(() -> AlertmanagerServer.builder().dir(dir).config("route: [not a route").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Alertmanager exited with code 1 before it was ready; output ("
                        + dir.resolve("alertmanager.log") + "):");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
