package io.istgt.telemetry.testsupport;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Apache Kafka in a container (Testcontainers). Without a reachable Docker engine the calling test is skipped
 * through a JUnit assumption. {@link #stop()} pauses the container: clients then time out rather than being
 * refused, and the mapped port stays the same for {@link #restart()}.
 */
final class ContainerKafka implements KafkaTestBroker.Backend {

    /** The image follows the Kafka version the project builds against. */
    static final String IMAGE = "apache/kafka:" + AppInfoParser.getVersion();

    private final KafkaContainer container;
    private volatile boolean running = true;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafka start() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                KafkaTestBroker.KIND_PROPERTY + "/" + KafkaTestBroker.KIND_ENV
                        + "=container asks for a Kafka container, but no Docker engine is reachable: skipping");
        KafkaContainer container = new KafkaContainer(IMAGE);
        KafkaTestBroker.brokerSettings().forEach((key, value) ->
                container.withEnv("KAFKA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'), value));
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public synchronized void stop() {
        if (running) {
            container.getDockerClient().pauseContainerCmd(container.getContainerId()).exec();
            running = false;
        }
    }

    @Override
    public synchronized void restart() {
        if (!running) {
            container.getDockerClient().unpauseContainerCmd(container.getContainerId()).exec();
            running = true;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        container.stop();
    }
}
