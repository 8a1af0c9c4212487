package io.istgt.telemetry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApicurioRegistryIT {

    @Test
    void shouldAnswerTheConfluentSubjectsEndpointOnLoopback() throws Exception {
        ApicurioRegistry registry = ApicurioRegistry.shared();

        HttpResponse<String> response = get(registry.ccompatUrl() + "/subjects");

        assertThat(registry.ccompatUrl()).startsWith("http://127.0.0.1:").endsWith("/apis/ccompat/v7");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("[");
    }

    @Test
    void shouldShareOneRegistryPerJvm() {
        assertThat(ApicurioRegistry.shared()).isSameAs(ApicurioRegistry.shared());
    }

    @Test
    void shouldStopAPrivateRegistryOnClose() throws Exception {
        ApicurioRegistry registry = ApicurioRegistry.start();
        assertThat(get(registry.ccompatUrl() + "/subjects").statusCode()).isEqualTo(200);

        registry.close();

        assertThat(registry.isRunning()).isFalse();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
