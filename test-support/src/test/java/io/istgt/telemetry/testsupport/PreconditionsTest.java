package io.istgt.telemetry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreconditionsTest {

    @Test
    void shouldRejectAnUnknownBrokerKindNamingTheSetting() {
        assertThatThrownBy(() -> KafkaTestBroker.Kind.parse("zookeeper"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Kafka test broker kind 'zookeeper' (from istgt.test.kafka or ISTGT_TEST_KAFKA):"
                        + " expected in-process, process or container");
    }

    @Test
    void shouldAcceptTheBrokerKindsUnderTheirUsualSpellings() {
        assertThat(KafkaTestBroker.Kind.parse("in-process")).isEqualTo(KafkaTestBroker.Kind.IN_PROCESS);
        assertThat(KafkaTestBroker.Kind.parse("Process")).isEqualTo(KafkaTestBroker.Kind.PROCESS);
        assertThat(KafkaTestBroker.Kind.parse(" container ")).isEqualTo(KafkaTestBroker.Kind.CONTAINER);
    }

    @Test
    void shouldRefuseAJavaOlderThan21NamingTheJvmAndTheFix() {
        assertThatThrownBy(() -> ChildJvm.requireJava("Apicurio Registry 3.3.3", 17))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Apicurio Registry 3.3.3 needs Java 21 or newer, but the tests run on Java 17 ("
                        + System.getProperty("java.home") + "): point JAVA_HOME at a JDK 21+,"
                        + " e.g. export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64");
    }

    @Test
    void shouldSayHowToGetTheRegistryWhenItIsNotUnpacked(@TempDir Path empty) {
        assertThatThrownBy(() -> BuildPaths.requireUnpacked(empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Apicurio Registry 3.3.3 is not unpacked at " + empty + " (no quarkus-run.jar there):"
                        + " build with test-support in the Maven reactor (e.g. mvn -pl schemas -am verify), whose"
                        + " generate-resources phase unpacks it");
    }

    @Test
    void shouldFindTheUnpackedRegistryAndTheKafkaClasspathFromTheBuild() {
        assertThat(BuildPaths.apicurioHome().resolve("quarkus-run.jar")).isRegularFile();
        assertThat(BuildPaths.kafkaServerClasspath()).contains("kafka_2.13-");
    }
}
