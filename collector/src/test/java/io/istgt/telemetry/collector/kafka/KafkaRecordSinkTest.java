package io.istgt.telemetry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.publish.RecordStream;
import io.istgt.telemetry.schemas.serde.IncompatibleSchemaException;
import io.istgt.telemetry.schemas.serde.SchemaRegistryUnavailableException;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class KafkaRecordSinkTest {

    private static final Map<RecordStream, String> TOPICS =
            Map.of(RecordStream.VOLUME, "istgt.volume.status", RecordStream.REPLICA, "istgt.replica.status");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T21:00:00Z"));
    private final Events events = new Events();
    private final AtomicBoolean registryDown = new AtomicBoolean();
    private final Serializer<SpecificRecord> serializer = (topic, value) -> {
        if (registryDown.get()) {
            throw new SchemaRegistryUnavailableException("schema registry at http://r:8081 unreachable");
        }
        return new byte[] {0};
    };

    private MockProducer<SpecificRecord, SpecificRecord> producer(boolean autoComplete) {
        return new MockProducer<>(autoComplete, null, serializer, serializer);
    }

    private KafkaRecordSink sink(MockProducer<SpecificRecord, SpecificRecord> producer, int capacity) {
        return new KafkaRecordSink(producer, TOPICS, capacity, events, clock, Duration.ofSeconds(30));
    }

    @Test
    void shouldSendEveryRecordToItsTopicUnderItsKeyStampedWithItsCollectionTime() throws Exception {
        var producer = producer(true);
        KafkaRecordSink sink = sink(producer, 10);

        sink.publish("/a", SinkRecords.poll("/a", 1));

        sink.awaitSent();

        assertThat(producer.history()).hasSize(2);
        var volume = producer.history().get(0);
        assertThat(volume.topic()).isEqualTo("istgt.volume.status");
        assertThat(volume.key()).isEqualTo(SinkRecords.volume("/a", 1).key());
        assertThat(volume.value()).isEqualTo(SinkRecords.volume("/a", 1).value());
        assertThat(volume.timestamp()).isEqualTo(SinkRecords.AT.plusSeconds(1).toEpochMilli());
        assertThat(producer.history().get(1).topic()).isEqualTo("istgt.replica.status");
        assertThat(events.delivered).hasValue(2);
        assertThat(sink.notReadyReason()).isEmpty();
    }

    @Test
    void shouldKeepARecordWhoseSendFinallyFailedAndSendItFirstAtTheTargetsNextPoll() throws Exception {
        var producer = producer(false);
        KafkaRecordSink sink = sink(producer, 10);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.awaitSent();
        producer.errorNext(new TimeoutException("Expiring 1 record(s) for istgt.volume.status-0: 120000 ms has passed"));

        assertThat(events.failures).containsExactly("istgt.volume.status TimeoutException");
        assertThat(events.bufferSize).hasValue(1);
        assertThat(sink.notReadyReason()).hasValueSatisfying(r -> assertThat(r).isEqualTo(
                "the last send to Kafka failed at 2026-11-23T21:00:00Z: TimeoutException: Expiring 1 record(s) for"
                        + " istgt.volume.status-0: 120000 ms has passed"));
        producer.completeNext();
        assertThat(sink.notReadyReason()).as("an acknowledgement since").isEmpty();

        producer.clear();
        sink.publish("/a", SinkRecords.poll("/a", 2));
        sink.awaitSent();

        assertThat(producer.history()).hasSize(3);
        assertThat(producer.history().getFirst().value()).as("the kept volume record of poll 1 goes first")
                .isEqualTo(SinkRecords.volume("/a", 1).value());
        assertThat(((VolumeStatus) producer.history().get(1).value()).getMetadata().getSequence()).isEqualTo(2L);
        assertThat(events.bufferSize).hasValue(0);
        while (producer.completeNext()) {
            // acknowledge everything
        }
        assertThat(sink.notReadyReason()).isEmpty();
    }

    @Test
    void shouldKeepRecordsTheSerializerCouldNotRegisterWhileTheRegistryIsDown() throws Exception {
        var producer = producer(true);
        KafkaRecordSink sink = sink(producer, 10);
        registryDown.set(true);

        sink.publish("/a", SinkRecords.poll("/a", 1));

        sink.awaitSent();

        assertThat(events.failures).containsExactly("istgt.volume.status SchemaRegistryUnavailableException",
                "istgt.replica.status SchemaRegistryUnavailableException");
        assertThat(events.bufferSize).hasValue(2);
        assertThat(sink.notReadyReason()).get().asString().contains("schema registry at http://r:8081 unreachable");

        registryDown.set(false);
        sink.publish("/a", SinkRecords.poll("/a", 2));
        sink.awaitSent();

        assertThat(producer.history()).hasSize(4);
        assertThat(events.delivered).hasValue(4);
        assertThat(events.dropped).isEmpty();
        assertThat(sink.notReadyReason()).isEmpty();
    }

    @Test
    void shouldDropTheOldestKeptRecordWhenATargetsBufferIsFullAndCountIt() throws Exception {
        var producer = producer(false);
        KafkaRecordSink sink = sink(producer, 1);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.awaitSent();

        producer.errorNext(new TimeoutException("t"));
        producer.errorNext(new TimeoutException("t"));

        assertThat(events.dropped).containsExactly("buffer_full 1");
        assertThat(events.bufferSize).hasValue(1);
    }

    @Test
    void shouldDropAndCountARecordThatCanNeverBeSent() throws Exception {
        var producer = producer(false);
        KafkaRecordSink sink = sink(producer, 10);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.awaitSent();

        producer.errorNext(new RecordTooLargeException("too large"));

        assertThat(events.dropped).containsExactly("rejected 1");
        assertThat(events.bufferSize).hasValue(0);
    }

    @Test
    void shouldDropAndCountARecordTheRegistryRefuses() throws Exception {
        Serializer<SpecificRecord> refusing = (topic, value) -> {
            throw new IncompatibleSchemaException("istgt.volume.status-value", "incompatible");
        };
        KafkaRecordSink sink = sink(new MockProducer<>(true, null, refusing, refusing), 10);

        sink.publish("/a", SinkRecords.poll("/a", 1));

        sink.awaitSent();

        assertThat(events.dropped).containsExactly("rejected 1", "rejected 1");
    }

    @Test
    void shouldCountAndSurviveAnyExceptionOfSendAndGoOnWithTheNextRecords() throws Exception {
        Serializer<SpecificRecord> untrusted = (topic, value) -> {
            throw new SecurityException("Forbidden io.istgt.telemetry.schemas.VolumeKey!");
        };
        KafkaRecordSink sink = sink(new MockProducer<>(true, null, untrusted, untrusted), 10);

        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.publish("/a", SinkRecords.poll("/a", 2));
        sink.awaitSent();

        assertThat(events.dropped).containsExactly("rejected 1", "rejected 1", "rejected 1", "rejected 1");
        assertThat(events.failures).hasSize(4).allSatisfy(f -> assertThat(f).endsWith("SecurityException"));
        assertThat(sink.notReadyReason()).get().asString()
                .contains("SecurityException: Forbidden io.istgt.telemetry.schemas.VolumeKey!");
        clock.advance(Duration.ofMinutes(5));
        assertThat(sink.notReadyReason()).get().asString().doesNotContain("records are waiting");
    }

    @Test
    void shouldSayNotReadyWhenKafkaAcknowledgesNothingForLong() throws Exception {
        var producer = producer(false);
        KafkaRecordSink sink = sink(producer, 10);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.awaitSent();

        clock.advance(Duration.ofSeconds(30));
        assertThat(sink.notReadyReason()).isEmpty();
        clock.advance(Duration.ofSeconds(2));

        assertThat(sink.notReadyReason()).contains("Kafka has acknowledged nothing for 32 s; 2 records are waiting");
        producer.completeNext();
        assertThat(sink.notReadyReason()).isEmpty();
    }

    @Test
    void shouldResendTheKeptRecordsOfARemovedTargetOnce() throws Exception {
        var producer = producer(false);
        KafkaRecordSink sink = sink(producer, 10);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.awaitSent();
        producer.errorNext(new TimeoutException("t"));
        producer.clear();

        sink.targetRemoved("/a");
        sink.awaitSent();

        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void shouldReportKeptRecordsAsLostAtShutdown() throws Exception {
        var producer = producer(false);
        KafkaRecordSink sink = sink(producer, 10);
        sink.publish("/a", SinkRecords.poll("/a", 1));
        sink.awaitSent();
        producer.errorNext(new TimeoutException("t"));
        producer.errorNext(new TimeoutException("t"));

        sink.close(Duration.ofSeconds(1));

        assertThat(events.dropped).containsExactly("shutdown 2");
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void shouldTellRetriableFromFatalErrorsByType() throws Exception {
        assertThat(KafkaRecordSink.retriable(new TimeoutException("t"))).isTrue();
        assertThat(KafkaRecordSink.retriable(new SchemaRegistryUnavailableException("down"))).isTrue();
        assertThat(KafkaRecordSink.retriable(new IncompatibleSchemaException("s", "no"))).isFalse();
        assertThat(KafkaRecordSink.retriable(new RecordTooLargeException("big"))).isFalse();
    }

    private static final class Events implements SinkListener {
        final AtomicInteger delivered = new AtomicInteger();
        final List<String> failures = new CopyOnWriteArrayList<>();
        final List<String> dropped = new CopyOnWriteArrayList<>();
        final AtomicInteger bufferSize = new AtomicInteger();

        @Override
        public void delivered(String topic) {
            delivered.incrementAndGet();
        }

        @Override
        public void sendFailed(String topic, String error) {
            failures.add(topic + " " + error);
        }

        @Override
        public void dropped(String reason, int records) {
            dropped.add(reason + " " + records);
        }

        @Override
        public void retryBufferSize(int records) {
            bufferSize.set(records);
        }
    }
}
