package io.istgt.telemetry.history;

import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The history writer alone in a JVM of its own, so that a test can end it as a crash would: killed (SIGKILL), it
 * writes no open block, commits nothing and stays in its group until its session times out.
 */
final class WriterProcess {

    private WriterProcess() {
    }

    /** Starts the writer in a new JVM on this test's class path; its output goes to {@code log}. */
    static Process start(HistorySettings history, Map<String, Object> settings, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.istgt.telemetry.schemas",
                "-cp", System.getProperty("java.class.path"), WriterProcess.class.getName(),
                history.volumes().liveTopic(), history.volumes().historyTopic(), history.replicas().liveTopic(),
                history.replicas().historyTopic(), Integer.toString(history.blocks().records()),
                Long.toString(history.blocks().span().toMillis()), Long.toString(history.blocks().idle().toMillis()),
                history.groupId()));
        settings.forEach((key, value) -> command.add(key + "=" + value));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** The arguments {@link #start} gives: the settings' topics, block limits and group, then key=value settings. */
    public static void main(String[] args) throws InterruptedException {
        HistorySettings history = new HistorySettings(HistoryKind.volumes(args[0], args[1]),
                HistoryKind.replicas(args[2], args[3]), new BlockLimits(Integer.parseInt(args[4]),
                Duration.ofMillis(Long.parseLong(args[5])), Duration.ofMillis(Long.parseLong(args[6]))), args[7]);
        Map<String, Object> settings = new HashMap<>();
        for (String setting : Arrays.asList(args).subList(8, args.length)) {
            int eq = setting.indexOf('=');
            settings.put(setting.substring(0, eq), setting.substring(eq + 1));
        }
        HistoryWriter.start(history, settings, new AvroSerdeConfig(settings).createClient());
        new CountDownLatch(1).await(); // until killed
    }
}
