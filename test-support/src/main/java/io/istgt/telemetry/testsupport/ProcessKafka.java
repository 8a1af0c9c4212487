package io.istgt.telemetry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A combined KRaft node running {@code kafka.Kafka} in its own JVM (the kafka_2.13 jars test-support was built
 * with). Storage is formatted once with {@code kafka.tools.StorageTool format --standalone}; {@link #stop()}
 * ends the process (SIGTERM), {@link #restart()} starts a new one on the same ports and data.
 */
final class ProcessKafka implements KafkaTestBroker.Backend {

    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path dir;
    private final Path config;
    private final int brokerPort;
    private volatile ChildJvm process;
    private int starts;

    private ProcessKafka(Path dir, Path config, int brokerPort) {
        this.dir = dir;
        this.config = config;
        this.brokerPort = brokerPort;
    }

    static ProcessKafka start() {
        ChildJvm.requireJava("the stand-alone Kafka broker");
        try {
            Path dir = Files.createTempDirectory("istgt-test-kafka-");
            int brokerPort = ChildJvm.freeLoopbackPort();
            int controllerPort = ChildJvm.freeLoopbackPort();
            Path config = dir.resolve("server.properties");
            Files.writeString(config, serverProperties(dir.resolve("data"), brokerPort, controllerPort),
                    StandardCharsets.UTF_8);
            ChildJvm.run("kafka-storage format", dir, dir.resolve("format.log"), List.of(
                    "-cp", BuildPaths.kafkaServerClasspath(), "kafka.tools.StorageTool", "format", "--standalone",
                    "-t", Uuid.randomUuid().toString(), "-c", config.toString()), FORMAT_TIMEOUT);
            ProcessKafka kafka = new ProcessKafka(dir, config, brokerPort);
            kafka.launch();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a stand-alone Kafka broker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    @Override
    public synchronized void restart() {
        if (process == null) {
            launch();
        }
    }

    @Override
    public boolean isRunning() {
        ChildJvm current = process;
        return current != null && current.isAlive();
    }

    @Override
    public void close() {
        stop();
        deleteRecursively(dir);
    }

    private void launch() {
        starts++;
        ChildJvm child = ChildJvm.start("Kafka broker on " + bootstrapServers(), dir,
                dir.resolve("server-" + starts + ".log"), List.of(
                        "-Xmx256m", "-XX:+UseSerialGC",
                        "-cp", BuildPaths.kafkaServerClasspath(), "kafka.Kafka", config.toString()));
        process = child;
        try {
            BrokerProbe.awaitAnswering(bootstrapServers(), READY_TIMEOUT, child::isAlive, "Kafka broker process");
        } catch (IllegalStateException e) {
            String output = child.logTail();
            child.kill();
            process = null;
            throw new IllegalStateException(e.getMessage() + "; output (" + child.log() + "):\n" + output, e);
        }
    }

    private static String serverProperties(Path data, int brokerPort, int controllerPort) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        settings.put("log.dirs", data.toString());
        settings.putAll(KafkaTestBroker.singleNodeSettings());
        List<String> lines = new ArrayList<>();
        settings.forEach((key, value) -> lines.add(key + "=" + value));
        return String.join("\n", lines) + "\n";
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the broker's directory " + dir, e);
        }
    }
}
