package io.istgt.telemetry.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.config.RunConfig;
import io.istgt.telemetry.collector.config.SettingsResolver;
import io.istgt.telemetry.local.LoopbackPorts;
import io.istgt.telemetry.local.SchemaRegistryProcess;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.sim.EmulatedIstgt;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.testsupport.ApicurioRegistry;
import io.istgt.telemetry.testsupport.KafkaTestBroker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schema registry that is not there yet: the collector starts anyway, polls into its spool, says why it is not
 * ready, and delivers every poll once the registry answers on its address, in order, none lost or doubled.
 * The registry is a real Apicurio process started late on the port the collector was given.
 */
class RegistryOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void shouldSpoolWhileTheRegistryIsDownAndDeliverEveryPollOnceItAnswers() throws Exception {
        int registryPort = LoopbackPorts.free();
        String registryUrl = "http://127.0.0.1:" + registryPort + "/apis/ccompat/v7";
        try (KafkaTestBroker kafka = KafkaTestBroker.start();
             EmulatedIstgt istgt = EmulatedIstgt.start(dir.resolve("istgt.sock"),
                     SimConfig.builder().idleTimeout(Duration.ofMinutes(5)).build())) {
            RunConfig config = new SettingsResolver(Map.of(), () -> "unused").resolve(Map.of(
                    "bootstrap-servers", List.of(kafka.bootstrapServers()),
                    "schema-registry-url", List.of(registryUrl),
                    "socket", List.of(istgt.socketPath().toString()),
                    "interval", List.of("500ms"),
                    "volume-topic", List.of("regdown.volumes"),
                    "replica-topic", List.of("regdown.replicas"),
                    "http-port", List.of("0"),
                    "spool-dir", List.of(dir.resolve("spool").toString())));
            try (CollectorApp app = CollectorApp.start(config, Clock.systemUTC())) {
                // polls go on while nothing can be delivered, and readiness says why
                CollectorWaits.awaitPolls(app, 6, WAIT);
                assertThat(app.notReadyReason()).as("not ready while the registry is down")
                        .hasValueSatisfying(reason -> assertThat(reason).contains("registry"));

                try (SchemaRegistryProcess registry = SchemaRegistryProcess.builder().httpPort(registryPort)
                        .startTimeout(Duration.ofSeconds(Long.getLong(ApicurioRegistry.START_TIMEOUT_PROPERTY, 120)))
                        .log(dir.resolve("apicurio.log")).start();
                     var reader = new TopicReader<>(kafka.bootstrapServers(), registry.ccompatUrl(),
                             "regdown.volumes", VolumeKey.class, VolumeStatus.class)) {
                    long last = CollectorWaits.polls(app) + 2;
                    CollectorWaits.awaitPolls(app, last, WAIT);

                    var seen = reader.awaitUntil(all -> all.size() >= last, WAIT);
                    List<Long> sequences = seen.stream().map(r -> r.value().getMetadata().getSequence()).toList();
                    assertThat(sequences.subList(0, (int) last)).as("every poll once, in order, none lost")
                            .containsExactlyElementsOf(LongStream.rangeClosed(1, last).boxed().toList());
                    // A poll may time out on a loaded machine (its failure record is a poll like any other, and
                    // sequenced): delivery is the subject here, so only a successful poll among them is required.
                    assertThat(seen).anySatisfy(r -> assertThat(r.value().getFailure()).isNull());
                    CollectorWaits.awaitReady(app, WAIT);
                }
            }
        }
    }
}
