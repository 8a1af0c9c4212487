package io.istgt.telemetry.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

    @Test
    void shouldAcceptTheDefaults() {
        DemoSettings settings = settings(Optional.empty(), Optional.empty(), 0, 4);

        assertThat(settings.embeddedKafka()).isTrue();
        assertThat(settings.embeddedRegistry()).isTrue();
    }

    @Test
    void shouldRefuseAKafkaPortWithAnExistingClusterNamingBothOptions() {
        assertThatThrownBy(() -> settings(Optional.of("kafka:9092"), Optional.empty(), 9092, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--kafka-port is for the embedded broker and conflicts with --bootstrap-servers kafka:9092");
    }

    @Test
    void shouldRefuseARegistryUrlThatIsNotHttp() {
        assertThatThrownBy(() -> settings(Optional.empty(), Optional.of("registry:8081"), 0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--schema-registry-url must be an http(s) URL of a Confluent-compatible API");
    }

    @Test
    void shouldBoundTheVolumes() {
        assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), 0, 0))
                .hasMessage("--volumes must be 1..50, got 0");
    }

    private static DemoSettings settings(Optional<String> kafka, Optional<String> registry, int kafkaPort, int volumes) {
        return new DemoSettings(Optional.of(Duration.ofSeconds(60)), kafka, registry, Path.of(".demo-data"), false,
                kafkaPort, 0, volumes, Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(8),
                Duration.ofSeconds(5), DemoSettings.ViewMode.PLAIN);
    }
}
