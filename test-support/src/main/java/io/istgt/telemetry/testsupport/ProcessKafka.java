package io.istgt.telemetry.testsupport;

import io.istgt.telemetry.local.KafkaServerProcess;

/**
 * A combined KRaft node running {@code kafka.Kafka} in its own JVM: local-services'
 * {@link KafkaServerProcess} on free loopback ports and a temporary directory. {@link #stop()} ends the
 * process (SIGTERM), {@link #restart()} starts a new one on the same ports and data.
 */
final class ProcessKafka implements KafkaTestBroker.Backend {

    private final KafkaServerProcess server;

    private ProcessKafka(KafkaServerProcess server) {
        this.server = server;
    }

    static ProcessKafka start() {
        KafkaServerProcess.Builder builder = KafkaServerProcess.builder();
        KafkaTestBroker.brokerSettings().forEach(builder::setting);
        return new ProcessKafka(builder.start());
    }

    @Override
    public String bootstrapServers() {
        return server.bootstrapServers();
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public void restart() {
        server.restart();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.close();
    }
}
