package io.istgt.telemetry.bench.proc;

import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.util.Locale;

/**
 * The real broker and registry a benchmark runs against (test-support's): the broker's kind from
 * {@code --kafka process|in-process} (default {@code process}: its CPU is then not the benchmark JVM's), and a
 * private Apicurio Registry. With the system property {@value #SHARED} set (the smoke run), every benchmark of
 * the JVM gets the same in-process broker and registry, started once, whatever it asks for.
 */
public final class Services implements AutoCloseable {

    /** System property: share one broker and registry between the benchmarks of this JVM (the smoke run). */
    public static final String SHARED = "istgt.bench.sharedServices";
    private static Services shared;

    private final KafkaTestBroker kafka;
    private final ApicurioRegistry registry;
    private final boolean owned;

    private Services(KafkaTestBroker kafka, ApicurioRegistry registry, boolean owned) {
        this.kafka = kafka;
        this.registry = registry;
        this.owned = owned;
    }

    public static Services start(String kafkaKind) {
        if (Boolean.getBoolean(SHARED)) {
            synchronized (Services.class) {
                if (shared == null) {
                    shared = new Services(KafkaTestBroker.start(KafkaTestBroker.Kind.IN_PROCESS),
                            ApicurioRegistry.shared(), false);
                }
                return shared;
            }
        }
        KafkaTestBroker.Kind kind = switch (kafkaKind.toLowerCase(Locale.ROOT)) {
            case "process" -> KafkaTestBroker.Kind.PROCESS;
            case "in-process" -> KafkaTestBroker.Kind.IN_PROCESS;
            default -> throw new IllegalArgumentException("--kafka must be process or in-process, got '" + kafkaKind + "'");
        };
        KafkaTestBroker kafka = KafkaTestBroker.start(kind);
        try {
            return new Services(kafka, ApicurioRegistry.start(), true);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /**
     * Stops the shared in-process broker, if one was started: call it before the JVM exits. Kafka's test kit
     * deletes the broker's log directory in a shutdown hook, and a broker still running when its directory goes
     * halts the JVM with an error status, which fails the build that ran the tests.
     */
    public static void closeShared() {
        synchronized (Services.class) {
            if (shared != null) {
                shared.kafka.close();
                shared = null;
            }
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
        if (!owned) {
            return;
        }
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }
}
