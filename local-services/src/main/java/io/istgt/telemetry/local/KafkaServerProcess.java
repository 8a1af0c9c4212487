package io.istgt.telemetry.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka (KRaft, broker and controller in one process) running {@code kafka.Kafka} in its own
 * JVM from the kafka_2.13 jars local-services was built with, listening on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (KafkaServerProcess kafka = KafkaServerProcess.builder().port(9092).dataDir(dir).start()) {
 *     producerProps.put("bootstrap.servers", kafka.bootstrapServers());   // 127.0.0.1:9092
 *     kafka.stop();      // the process ends (SIGTERM, then SIGKILL after 20 s); data kept
 *     kafka.restart();   // a new process on the same ports and data
 * }
 * }</pre>
 *
 * <p>The storage is formatted once ({@code kafka.tools.StorageTool format --standalone}); a data directory
 * formatted before is reused as it is. Output goes to {@code <dir>/format.log} and {@code <dir>/server-N.log}.
 */
public final class KafkaServerProcess implements AutoCloseable {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path dir;
    private final boolean ownsDir;
    private final Path config;
    private final int port;
    private final int controllerPort;
    private final List<String> javaOptions;
    private final Duration startTimeout;
    private final String listener;
    private final Map<String, String> probeSettings;
    private final List<String> formatArguments;
    private volatile ChildJvm process;
    private int starts;

    private KafkaServerProcess(Builder b, Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.ownsDir = b.dataDir == null;
        this.config = dir.resolve("server.properties");
        this.port = port;
        this.controllerPort = controllerPort;
        this.javaOptions = List.copyOf(b.javaOptions);
        this.startTimeout = b.startTimeout;
        this.listener = b.listener;
        this.probeSettings = Map.copyOf(b.probeSettings);
        this.formatArguments = List.copyOf(b.formatArguments);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings a single node needs: internal topics with one replica, no initial rebalance delay, few
     * partitions for the internal topics so the first transaction and group join are quick.
     */
    public static Map<String, String> singleNodeSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("offsets.topic.num.partitions", "3");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("transaction.state.log.num.partitions", "3");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        settings.put("auto.create.topics.enable", "true");
        return Map.copyOf(settings);
    }

    /** host:port clients connect to, the same across {@link #stop()} and {@link #restart()}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** The directory holding server.properties, the logs and the data ({@code data/}). */
    public Path dir() {
        return dir;
    }

    /** The current (or last) process's output. */
    public Path log() {
        return dir.resolve("server-" + starts + ".log");
    }

    /** The running broker process, if any. */
    public java.util.Optional<ProcessHandle> process() {
        ChildJvm current = process;
        return current == null ? java.util.Optional.empty() : java.util.Optional.of(current.handle());
    }

    public boolean isRunning() {
        ChildJvm current = process;
        return current != null && current.isAlive();
    }

    /** Ends the broker process (its data is kept); clients then fail to connect until {@link #restart()}. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    /** Starts a stopped broker again on the same ports and data, and waits until it answers. */
    public synchronized void restart() {
        if (process == null) {
            launch();
        }
    }

    /** Stops the broker; removes its directory when it was a temporary one (no {@link Builder#dataDir}). */
    @Override
    public void close() {
        stop();
        if (ownsDir) {
            Directories.deleteRecursively(dir);
        }
    }

    private synchronized void launch() {
        starts++;
        ChildJvm child = ChildJvm.start("Kafka broker on " + bootstrapServers(), dir, log(), command());
        process = child;
        try {
            BrokerProbe.awaitAnswering(bootstrapServers(), probeSettings, startTimeout, child::isAlive,
                    "the Kafka broker process");
        } catch (IllegalStateException e) {
            String output = child.logTail();
            child.kill();
            process = null;
            throw new IllegalStateException(e.getMessage() + "; output (" + child.log() + "):\n" + output, e);
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(javaOptions);
        command.addAll(List.of("-cp", LocalDistribution.kafkaServerClasspath(), "kafka.Kafka", config.toString()));
        return command;
    }

    private void format() {
        if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                "-cp", LocalDistribution.kafkaServerClasspath(), "kafka.tools.StorageTool", "format", "--standalone",
                "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
        command.addAll(formatArguments);
        ChildJvm.run("kafka-storage format", dir, dir.resolve("format.log"), command, FORMAT_TIMEOUT);
    }

    private static String serverProperties(Path data, String listener, int port, int controllerPort,
                                           Map<String, String> extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("listeners", listener + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", listener + "://127.0.0.1:" + port);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        settings.put("inter.broker.listener.name", listener);
        settings.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        settings.put("log.dirs", data.toString());
        settings.putAll(singleNodeSettings());
        settings.putAll(extra);
        StringBuilder text = new StringBuilder();
        settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    /** How to run the broker; {@link #start()} formats the storage, starts it and waits until it answers. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDir;
        private List<String> javaOptions = List.of("-Xmx256m", "-XX:+UseSerialGC");
        private Duration startTimeout = Duration.ofSeconds(90);
        private String listener = "PLAINTEXT";
        private final Map<String, String> probeSettings = new LinkedHashMap<>();
        private final List<String> formatArguments = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
        }

        /** The client port on 127.0.0.1; default 0: a free one. A taken port fails {@link #start()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The controller (KRaft quorum) port on 127.0.0.1; default 0: a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Where config, logs and data go; kept on close. Default: a temporary directory removed on close. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** JVM options of the broker process; default {@code -Xmx256m -XX:+UseSerialGC}. */
        public Builder javaOptions(List<String> javaOptions) {
            this.javaOptions = List.copyOf(javaOptions);
            return this;
        }

        /** How long to wait for the broker to answer a metadata request; default 90 s. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * The security protocol of the client listener, its only one ({@code PLAINTEXT} by default; {@code SSL},
         * {@code SASL_SSL}...), which the broker also uses to reach itself; the controller's stays PLAINTEXT on
         * its own port. The listener's own settings ({@code ssl.*}, {@code sasl.*}) go through {@link #setting}.
         *
         * @param probeSettings the client settings that reach the broker through it, to see it answer
         */
        public Builder listener(String securityProtocol, Map<String, String> probeSettings) {
            this.listener = Objects.requireNonNull(securityProtocol, "securityProtocol");
            this.probeSettings.clear();
            this.probeSettings.putAll(probeSettings);
            return this;
        }

        /** More arguments of {@code kafka-storage format}, such as {@code --add-scram} users. */
        public Builder formatArgument(String... arguments) {
            formatArguments.addAll(List.of(arguments));
            return this;
        }

        /** A server.properties setting added to (or overriding) the single-node ones. */
        public Builder setting(String key, String value) {
            settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Formats the storage if needed, starts the broker and waits until it answers.
         *
         * @throws PortInUseException when a given port is taken
         * @throws IllegalStateException when this JVM is older than Java 21, or the broker fails or is not
         *         ready in time (with its output)
         */
        public KafkaServerProcess start() {
            ChildJvm.requireJava("the Kafka broker");
            if (port != 0 && port == controllerPort) {
                throw new IllegalArgumentException("the Kafka broker's port and controller port must differ, both are " + port);
            }
            int clientPort = LoopbackPorts.requireFree(port, "the Kafka broker");
            int quorumPort = LoopbackPorts.requireFree(controllerPort, "the Kafka controller");
            while (quorumPort == clientPort) {
                quorumPort = LoopbackPorts.free();
            }
            Path dir = null;
            try {
                dir = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("istgt-kafka-");
                KafkaServerProcess kafka = new KafkaServerProcess(this, dir, clientPort, quorumPort);
                Files.writeString(kafka.config, serverProperties(dir.resolve("data"), listener, clientPort, quorumPort,
                        settings),
                        StandardCharsets.UTF_8);
                kafka.format();
                kafka.launch();
                return kafka;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the Kafka broker's directory " + dir, e);
            } catch (RuntimeException e) {
                if (dataDir == null && dir != null) {
                    Directories.deleteRecursively(dir);
                }
                throw e;
            }
        }
    }
}
