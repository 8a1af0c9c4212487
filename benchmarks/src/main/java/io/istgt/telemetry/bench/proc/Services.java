package io.istgt.telemetry.bench.proc;

import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.util.Locale;

/**
 * The real broker and registry a benchmark runs against (test-support's): the broker's kind from
 * {@code --kafka process|in-process} (default {@code process}: its CPU is then not the benchmark JVM's), and a
 * private Apicurio Registry.
 */
public final class Services implements AutoCloseable {

    private final KafkaTestBroker kafka;
    private final ApicurioRegistry registry;

    private Services(KafkaTestBroker kafka, ApicurioRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    public static Services start(String kafkaKind) {
        KafkaTestBroker.Kind kind = switch (kafkaKind.toLowerCase(Locale.ROOT)) {
            case "process" -> KafkaTestBroker.Kind.PROCESS;
            case "in-process" -> KafkaTestBroker.Kind.IN_PROCESS;
            default -> throw new IllegalArgumentException("--kafka must be process or in-process, got '" + kafkaKind + "'");
        };
        KafkaTestBroker kafka = KafkaTestBroker.start(kind);
        try {
            return new Services(kafka, ApicurioRegistry.start());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String registryUrl() {
        return registry.ccompatUrl();
    }

    public KafkaTestBroker kafka() {
        return kafka;
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
