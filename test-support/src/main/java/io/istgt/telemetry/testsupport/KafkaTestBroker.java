package io.istgt.telemetry.testsupport;

import io.istgt.telemetry.local.KafkaServerProcess;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker for integration tests, with {@link #stop()} and {@link #restart()} for outage tests.
 *
 * <pre>{@code
 * try (KafkaTestBroker kafka = KafkaTestBroker.start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *     kafka.createTopic("istgt.volume-status", 3);
 *     kafka.stop();      // the broker is gone: clients see connection refused
 *     kafka.restart();   // back on the same address, data kept
 * }
 * }</pre>
 *
 * <p>Which broker: {@link Kind#IN_PROCESS} (a combined KRaft node inside the test JVM, ready in about a second)
 * unless the system property {@value #KIND_PROPERTY} or the environment variable {@value #KIND_ENV} says
 * {@code process} (a separate JVM running {@code kafka.Kafka}: a kill is a real process death) or
 * {@code container} (Testcontainers; without a Docker engine the calling test is skipped, not failed).
 * Every kind runs a single node: replication factors 1 and no initial rebalance delay. Every kind refuses records
 * dated more than {@link #OLDEST_RECORD} before now, so a test input that the calendar has aged fails at its send.
 */
public final class KafkaTestBroker implements AutoCloseable {

    /** System property choosing the broker kind: in-process, process or container. */
    public static final String KIND_PROPERTY = "istgt.test.kafka";
    /** Environment variable choosing the broker kind when the system property is unset. */
    public static final String KIND_ENV = "ISTGT_TEST_KAFKA";

    /** Where the broker runs. */
    public enum Kind {
        IN_PROCESS, PROCESS, CONTAINER;

        static Kind parse(String value) {
            String normalized = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            return switch (normalized) {
                case "IN_PROCESS", "INPROCESS", "EMBEDDED" -> IN_PROCESS;
                case "PROCESS" -> PROCESS;
                case "CONTAINER", "DOCKER", "TESTCONTAINERS" -> CONTAINER;
                default -> throw new IllegalArgumentException("unknown Kafka test broker kind '" + value + "' (from "
                        + KIND_PROPERTY + " or " + KIND_ENV + "): expected in-process, process or container");
            };
        }
    }

    /** One way of running a broker; the broker's address stays the same across stop and restart. */
    sealed interface Backend extends AutoCloseable permits InProcessKafka, ProcessKafka, ContainerKafka {
        String bootstrapServers();

        void stop();

        void restart();

        boolean isRunning();

        @Override
        void close();
    }

    private final Kind kind;
    private final Backend backend;

    private KafkaTestBroker(Kind kind, Backend backend) {
        this.kind = kind;
        this.backend = backend;
    }

    /** Starts the broker kind chosen by {@value #KIND_PROPERTY} / {@value #KIND_ENV}, in-process by default. */
    public static KafkaTestBroker start() {
        return start(configuredKind().orElse(Kind.IN_PROCESS));
    }

    /** Starts a broker of the given kind (ignores the system property and environment variable). */
    public static KafkaTestBroker start(Kind kind) {
        Backend backend = switch (kind) {
            case IN_PROCESS -> InProcessKafka.start();
            case PROCESS -> ProcessKafka.start();
            case CONTAINER -> ContainerKafka.start();
        };
        return new KafkaTestBroker(kind, backend);
    }

    static Optional<Kind> configuredKind() {
        String value = System.getProperty(KIND_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(KIND_ENV);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Kind.parse(value));
    }

    public Kind kind() {
        return kind;
    }

    /** host:port of the broker, valid across {@link #stop()} and {@link #restart()}. */
    public String bootstrapServers() {
        return backend.bootstrapServers();
    }

    /** Takes the broker down (its data is kept); clients then fail to connect until {@link #restart()}. */
    public void stop() {
        backend.stop();
    }

    /** Brings a stopped broker back on the same address and waits until it answers. */
    public void restart() {
        backend.restart();
    }

    public boolean isRunning() {
        return backend.isRunning();
    }

    /** A new admin client on this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates a topic with replication factor 1 (no-op if it exists). */
    public void createTopic(String name, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic " + name + " on " + bootstrapServers(), e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    @Override
    public void close() {
        backend.close();
    }

    /**
     * How far before now a record's timestamp may lie for a test broker to take it: a day. Tests date their records
     * relative to now (hours back at most); a record dated further back, such as an input written with a fixed
     * date that the calendar has left behind, is refused at the send ({@code InvalidTimestampException}, which
     * {@link AcceptedSends} reports with the record) instead of being accepted and then deleted by retention, which
     * a test would only see as output missing minutes later.
     */
    public static final java.time.Duration OLDEST_RECORD = java.time.Duration.ofDays(1);

    /**
     * Broker settings every kind uses: a single node must not wait for replicas or rebalances, and records dated
     * more than {@link #OLDEST_RECORD} before now are refused.
     */
    static Map<String, String> brokerSettings() {
        Map<String, String> settings = new java.util.LinkedHashMap<>(KafkaServerProcess.singleNodeSettings());
        settings.put("log.message.timestamp.before.max.ms", Long.toString(OLDEST_RECORD.toMillis()));
        return Map.copyOf(settings);
    }
}
