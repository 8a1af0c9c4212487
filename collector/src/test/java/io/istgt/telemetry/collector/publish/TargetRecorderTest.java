package io.istgt.telemetry.collector.publish;

import static io.istgt.telemetry.collector.publish.SnapshotFixtures.IQN;
import static io.istgt.telemetry.collector.publish.SnapshotFixtures.SOCKET;
import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.client.snapshot.CommandSet;
import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.TargetInfo;
import io.istgt.telemetry.client.snapshot.VolumeSnapshot;
import io.istgt.telemetry.schemas.FailureKeySource;
import io.istgt.telemetry.schemas.PollFailure;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.ReplicaStatus;
import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.schemas.serde.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TargetRecorderTest {

    private static final CollectorIdentity IDENTITY = new CollectorIdentity("node-a", Instant.parse("2026-11-23T20:00:00Z"));
    private static final Instant FAILED_AT = Instant.parse("2026-11-23T20:41:00.5Z");
    private static final PollError TIMEOUT = new PollError(ErrorKind.TIMEOUT,
            "no reply to IOSTATS within 5000 ms (socket /var/run/istgt_ctl_sock, command IOSTATS)", "IOSTATS", null);

    private final TargetRecorder recorder = new TargetRecorder(SOCKET, IDENTITY);

    @Test
    void shouldNumberPollsFromOneWhetherTheySucceedOrFail() {
        PollRecords first = recorder.success(SnapshotFixtures.deep(), Duration.ZERO);
        PollRecords second = recorder.failure(TIMEOUT, FAILED_AT, CommandSet.DEEP, Duration.ofSeconds(5));
        PollRecords third = recorder.success(SnapshotFixtures.deep(), Duration.ZERO);

        assertThat(first.all()).allSatisfy(r -> assertThat(sequence(r)).isEqualTo(1));
        assertThat(second.all()).allSatisfy(r -> assertThat(sequence(r)).isEqualTo(2));
        assertThat(third.all()).allSatisfy(r -> assertThat(sequence(r)).isEqualTo(3));
        assertThat(recorder.lastSequence()).isEqualTo(3);
    }

    @Test
    void shouldKeyAFailureByTheTargetNameWhenNoPollOfThisRunSucceeded() {
        PollRecords records = recorder.failure(new PollError(ErrorKind.CONNECTION_REFUSED,
                "connection refused at /var/run/istgt_ctl_sock", null, null), FAILED_AT, CommandSet.DEEP,
                Duration.ofMillis(1));

        assertThat(records.replicas()).isEmpty();
        assertThat(records.volumes()).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo(new VolumeKey(SOCKET));
            VolumeStatus value = v.value();
            assertThat(value.getIqn()).isEqualTo(SOCKET);
            assertThat(value.getFailure()).isEqualTo(new PollFailure(PollFailureKind.UNREACHABLE,
                    "connection refused at /var/run/istgt_ctl_sock", null, null, FailureKeySource.TARGET_NAME, 1, null));
            assertThat(value.getMetadata().getCollectedAt()).isEqualTo(Instant.parse("2026-11-23T20:41:00.500Z"));
            assertThat(value.getMetadata().getCommandSet()).isEqualTo(io.istgt.telemetry.schemas.CommandSet.DEEP_ISTGTSTATUS);
            assertThat(value.getMetadata().getPollDurationMs()).isEqualTo(1L);
            assertThat(value.getPartialFailures()).isEmpty();
            assertThat(value.getTarget()).isNull();
            assertThat(value.getReplicaCounts()).isNull();
            assertThat(value.getIscsiConnections()).isNull();
            assertThat(value.getIoCounters()).isNull();
            assertThat(value.getIoTotals()).isNull();
            assertThat(value.getQueues()).isNull();
            assertThat(value.getMgmtOps()).isNull();
            assertThat(value.getErrors()).isNull();
        });
    }

    @Test
    void shouldKeyFailuresByTheLastKnownIqnsAndCountThemUntilTheNextSuccess() {
        recorder.success(SnapshotFixtures.deep(), Duration.ZERO);

        PollFailure first = failureOf(recorder.failure(TIMEOUT, FAILED_AT, CommandSet.STOCK, Duration.ofSeconds(5)));
        PollRecords again = recorder.failure(new PollError(ErrorKind.ERR_REPLY,
                "istgt answered 'ERR replication module not initialized' (socket s, command ISTGTSTATUS)",
                "ISTGTSTATUS", "replication module not initialized"), FAILED_AT, CommandSet.DEEP, Duration.ZERO);
        recorder.success(SnapshotFixtures.deep(), Duration.ZERO);
        PollFailure afterSuccess = failureOf(recorder.failure(TIMEOUT, FAILED_AT, CommandSet.DEEP, Duration.ZERO));

        Instant lastSuccess = Instant.parse("2026-11-23T20:40:00.123Z");
        assertThat(first).isEqualTo(new PollFailure(PollFailureKind.TIMEOUT, TIMEOUT.message(), "IOSTATS", null,
                FailureKeySource.LAST_KNOWN_IQN, 1, lastSuccess));
        assertThat(again.volumes()).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo(new VolumeKey(IQN));
            assertThat(v.value().getIqn()).isEqualTo(IQN);
            assertThat(v.value().getFailure()).isEqualTo(new PollFailure(PollFailureKind.ERROR_REPLY,
                    "istgt answered 'ERR replication module not initialized' (socket s, command ISTGTSTATUS)",
                    "ISTGTSTATUS", "replication module not initialized", FailureKeySource.LAST_KNOWN_IQN, 2,
                    lastSuccess));
        });
        assertThat(afterSuccess.getConsecutiveFailures()).isEqualTo(1);
        assertThat(recorder.consecutiveFailures()).isEqualTo(1);
        assertThat(recorder.lastSuccessAt()).contains(lastSuccess);
    }

    @Test
    void shouldReportASnapshotLackingARequiredValueAsAMalformedPoll() {
        var deep = SnapshotFixtures.deep();
        TargetInfo t = deep.volumes().get(0).target();
        TargetInfo noUptime = new TargetInfo(t.iqn(), t.name(), t.status(), t.lunState(), t.portals(), t.sizeBytes(),
                t.sectorSizeBytes(), t.usedLogicalBlocks(), null, t.replicaCounter(), t.revisionCounter(), t.io());
        var v = deep.volumes().get(0);

        PollRecords records = recorder.success(
                SnapshotFixtures.withVolume(deep, new VolumeSnapshot(noUptime, v.replicaCounts(), v.replicas())),
                Duration.ofMillis(9));

        assertThat(records.replicas()).isEmpty();
        assertThat(failureOf(records)).isEqualTo(new PollFailure(PollFailureKind.MALFORMED,
                "IOSTATS of " + IQN + " lacks UpTime, which every VolumeStatus record requires (socket " + SOCKET
                        + ", command IOSTATS)", "IOSTATS", null, FailureKeySource.TARGET_NAME, 1, null));
        assertThat(recorder.lastSequence()).isEqualTo(1);
        assertThat(recorder.lastSuccessAt()).isEmpty();
    }

    /**
     * Which failure kind each error kind becomes, as collector/README.md states it ("Failed polls"), in the
     * README's words for the error kinds: a change of the mapping in the code that the README does not follow
     * fails one of the two tests below.
     */
    private record Documented(String readmeWords, PollFailureKind kind, ErrorKind... errors) {
    }

    private static final Path README = Path.of("README.md");
    private static final List<Documented> README_MAPPING = List.of(
            new Documented("no socket", PollFailureKind.UNREACHABLE, ErrorKind.NO_SOCKET),
            new Documented("refused", PollFailureKind.UNREACHABLE, ErrorKind.CONNECTION_REFUSED),
            new Documented("permission", PollFailureKind.UNREACHABLE, ErrorKind.PERMISSION_DENIED),
            new Documented("timeout", PollFailureKind.TIMEOUT, ErrorKind.TIMEOUT),
            new Documented("closed mid-reply", PollFailureKind.DISCONNECTED, ErrorKind.CONNECTION_CLOSED),
            new Documented("`ERR ...` (also `ERR unknown command` for IOSTATS)", PollFailureKind.ERROR_REPLY,
                    ErrorKind.ERR_REPLY, ErrorKind.UNSUPPORTED_COMMAND),
            new Documented("line too long", PollFailureKind.MALFORMED, ErrorKind.LINE_TOO_LONG),
            new Documented("not istgt", PollFailureKind.MALFORMED, ErrorKind.NOT_ISTGT),
            new Documented("protocol error", PollFailureKind.MALFORMED, ErrorKind.PROTOCOL_ERROR),
            new Documented("malformed JSON", PollFailureKind.MALFORMED, ErrorKind.JSON_MALFORMED),
            new Documented("truncated JSON", PollFailureKind.TRUNCATED, ErrorKind.JSON_TRUNCATED),
            new Documented("incomplete reply", PollFailureKind.TRUNCATED, ErrorKind.INCOMPLETE_REPLY),
            new Documented("other I/O", PollFailureKind.OTHER, ErrorKind.IO_ERROR));

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void shouldMapEveryErrorKindToAFailureKind(ErrorKind kind) {
        Documented documented = README_MAPPING.stream().filter(d -> List.of(d.errors()).contains(kind)).findFirst()
                .orElseThrow(() -> new AssertionError(kind + " is not in " + README + "'s mapping to PollFailureKind"));

        assertThat(failureOf(recorder.failure(new PollError(kind, "m", null, null), FAILED_AT, CommandSet.DEEP,
                Duration.ZERO)).getKind()).as("%s (README: %s)", kind, documented.readmeWords())
                .isEqualTo(documented.kind());
    }

    @Test
    void shouldStateTheMappingInTheReadmeAsThisTestHoldsIt() throws IOException {
        String text = String.join(" ", Files.readString(README, StandardCharsets.UTF_8).split("\\s+"));
        String intro = "`ErrorKind` maps to `PollFailureKind`: ";
        assertThat(text).as(README.toString()).contains(intro);
        String mapping = text.substring(text.indexOf(intro) + intro.length(), text.indexOf(". ", text.indexOf(intro)));
        Map<String, String> stated = new LinkedHashMap<>();
        for (String clause : mapping.split("; ")) {
            String[] sides = clause.split(" → ", 2);
            assertThat(sides).as("'words → KIND' in %s: %s", README, clause).hasSize(2);
            for (String words : sides[0].split(", ")) {
                stated.put(words, sides[1].split(" ", 2)[0]);
            }
        }

        Map<String, String> held = new LinkedHashMap<>();
        README_MAPPING.forEach(d -> held.put(d.readmeWords(), d.kind().name()));
        assertThat(stated).as("the mapping %s states", README).containsExactlyEntriesOf(held);
    }

    @Test
    void shouldProduceRecordsTheSerializerAccepts() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        AvroSerializer<SpecificRecord> keys = new AvroSerializer<>(registry);
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>(registry);
        AvroDeserializer<SpecificRecord> reader = new AvroDeserializer<>(registry);
        keys.configure(Map.of(), true);
        values.configure(Map.of(), false);
        reader.configure(Map.of(), false);
        recorder.success(SnapshotFixtures.deep(), Duration.ZERO);
        PollRecords failed = recorder.failure(TIMEOUT, FAILED_AT, CommandSet.DEEP, Duration.ZERO);
        List<SpecificRecord> decoded = new ArrayList<>();

        for (PollRecords records : new PollRecords[] {
                recorder.success(SnapshotFixtures.deep(), Duration.ZERO),
                recorder.success(SnapshotFixtures.stock(), Duration.ZERO), failed}) {
            for (OutboundRecord r : records.all()) {
                String topic = r.stream() == RecordStream.VOLUME ? "v" : "r";
                // read back through the registry with the schema the serializer registered: every field as sent
                assertThat(reader.deserialize(topic, keys.serialize(topic, r.key()))).as("key of %s", r)
                        .isEqualTo(r.key());
                SpecificRecord value = reader.deserialize(topic, values.serialize(topic, r.value()));
                assertThat(value).as("value of %s", r.key()).isEqualTo(r.value());
                decoded.add(value);
            }
        }

        assertThat(decoded).as("a deep poll's replicas, a stock poll and a failed poll came back")
                .anySatisfy(v -> assertThat(v).isInstanceOfSatisfying(ReplicaStatus.class,
                        p -> assertThat(p.getMetadata().getCommandSet())
                                .isEqualTo(io.istgt.telemetry.schemas.CommandSet.DEEP_ISTGTSTATUS)))
                .anySatisfy(v -> assertThat(v).isInstanceOfSatisfying(VolumeStatus.class,
                        vs -> assertThat(vs.getMetadata().getCommandSet())
                                .isEqualTo(io.istgt.telemetry.schemas.CommandSet.STOCK)))
                .anySatisfy(v -> assertThat(v).isInstanceOfSatisfying(VolumeStatus.class,
                        vs -> assertThat(vs.getFailure()).isNotNull().extracting(PollFailure::getKind)
                                .isEqualTo(PollFailureKind.TIMEOUT)));
    }

    private static long sequence(OutboundRecord r) {
        return switch (r) {
            case OutboundRecord.Volume v -> v.value().getMetadata().getSequence();
            case OutboundRecord.Replica p -> p.value().getMetadata().getSequence();
        };
    }

    private static PollFailure failureOf(PollRecords records) {
        assertThat(records.volumes()).hasSize(1);
        return records.volumes().get(0).value().getFailure();
    }
}
