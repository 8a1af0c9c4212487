package io.istgt.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreconditionsTest {

    @Test
    void shouldRefuseAJavaOlderThan21NamingTheJvmAndTheFix() {
        assertThatThrownBy(() -> ChildJvm.requireJava("Apicurio Registry 3.3.3", 17))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Apicurio Registry 3.3.3 needs Java 21 or newer, but this runs on Java 17 ("
                        + System.getProperty("java.home") + "): point JAVA_HOME at a JDK 21+,"
                        + " e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64");
    }

    @Test
    void shouldSayHowToGetTheRegistryWhenItIsNotUnpacked(@TempDir Path empty) {
        assertThatThrownBy(() -> LocalDistribution.requireUnpacked(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Apicurio Registry 3.3.3 is not unpacked at " + empty + " (no quarkus-run.jar there):"
                        + " build local-services with Maven (mvn -q -DskipTests package, or mvn -pl <module> -am verify),"
                        + " whose generate-resources phase unpacks it");
    }

    @Test
    void shouldFindTheUnpackedRegistryAndTheKafkaClasspathFromTheBuild() {
        assertThat(LocalDistribution.apicurioHome().resolve("quarkus-run.jar")).isRegularFile();
        assertThat(LocalDistribution.kafkaServerClasspath()).contains("kafka_2.13-" + LocalDistribution.kafkaVersion());
    }

    @Test
    void shouldNameThePortAndTheServiceWhenAPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> LoopbackPorts.requireFree(port, "the Kafka broker"))
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is already in use, so the Kafka broker cannot listen"
                            + " there: stop what listens on it (e.g. `ss -ltnp 'sport = :" + port + "'` shows it) or"
                            + " choose another port");
        }
    }

    @Test
    void shouldGiveAFreePortForZeroAndTheSamePortWhenItIsFree() {
        int free = LoopbackPorts.requireFree(0, "a test");

        assertThat(free).isPositive();
        assertThat(LoopbackPorts.requireFree(free, "a test")).isEqualTo(free);
        assertThat(LoopbackPorts.isListening(free)).isFalse();
    }

    @Test
    void shouldRejectANumberThatIsNoPort() {
        assertThatThrownBy(() -> LoopbackPorts.requireFree(70_000, "the schema registry"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the schema registry: port 70000 is not a TCP port (1-65535, or 0 for any free one)");
    }
}
