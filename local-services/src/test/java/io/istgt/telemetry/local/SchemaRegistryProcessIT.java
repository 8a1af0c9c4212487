package io.istgt.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaRegistryProcessIT {

    @Test
    void shouldAnswerTheConfluentApiOnLoopbackAndLeaveNothingBehindWhenClosed(@TempDir Path dir) throws Exception {
        SchemaRegistryProcess registry = SchemaRegistryProcess.builder().log(dir.resolve("registry.log")).start();
        ProcessHandle process = registry.process();
        List<ProcessHandle> tree = process.descendants().toList();

        HttpResponse<String> subjects = get(registry.ccompatUrl() + "/subjects");

        assertThat(registry.ccompatUrl()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).startsWith("[");
        assertThat(dir.resolve("registry.log")).exists();

        registry.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(LoopbackPorts.isListening(registry.httpPort())).isFalse();
        assertThat(LoopbackPorts.isListening(registry.managementPort())).isFalse();
    }

    @Test
    void shouldRefuseATakenPortBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> SchemaRegistryProcess.builder().httpPort(taken.getLocalPort()).start())
                    .isInstanceOf(PortInUseException.class)
                    .hasMessageContaining("so the schema registry cannot listen there");
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
