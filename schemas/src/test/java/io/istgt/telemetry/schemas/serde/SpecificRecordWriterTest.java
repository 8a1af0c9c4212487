package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.istgt.telemetry.schemas.CommandSet;
import io.istgt.telemetry.schemas.MgmtOpCounts;
import io.istgt.telemetry.schemas.PollFailureKind;
import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeStatus;
import io.istgt.telemetry.schemas.VolumeTransition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/**
 * {@link SpecificRecordWriter} (custom coders, unions by null-ness, a {@link WritePlan} for the records without a
 * custom coder) against Avro's plain SpecificDatumWriter with the class's own model: the same bytes for every
 * value, the same exception for a value neither can write.
 */
class SpecificRecordWriterTest {

    private static final Instant AT = Instant.parse("2026-11-25T20:40:00.123Z");

    @Test
    void shouldWriteEverySampleRecordAsAvrosSpecificDatumWriterDoes() throws IOException {
        List<SpecificRecord> records = List.of(Samples.volumeKey(), Samples.replicaKey(Samples.BIG_REPLICA_ID),
                Samples.healthyDeepVolume(), Samples.unreachableVolume(), Samples.connectedReplica("6161"),
                Samples.disconnectedReplica(), Samples.metadata(CommandSet.STOCK, 7),
                Samples.metadata(CommandSet.DEEP_ISTGTSTATUS, Long.MAX_VALUE),
                VolumeTransition.newBuilder().setIqn("iqn.2016-09.com.openebs.cstor:pvc-1").setFromStatus(null)
                        .setToStatus("Healthy").setAt(AT).setTimeInPreviousStatusMs(null).setHealthyReplicas(3)
                        .setDegradedReplicas(null).build(),
                VolumeTransition.newBuilder().setIqn("iqn.é").setFromStatus("Degraded").setToStatus("Offline")
                        .setAt(Instant.EPOCH.minusMillis(1)).setTimeInPreviousStatusMs(Long.MIN_VALUE)
                        .setHealthyReplicas(0).setDegradedReplicas(Integer.MAX_VALUE).build());
        for (SpecificRecord record : records) {
            assertThat(ours(record)).as(record.getSchema().getName() + " " + record).isEqualTo(avros(record));
        }
    }

    @Test
    void shouldWriteMapsUnionsFixedBytesEnumsAndRecursionAsAvroDoes() throws IOException {
        List<PlanSample> samples = List.of(
                full().with("choice", "text"),
                full().with("choice", 42L),
                full().with("choice", ops()),
                full().with("choice", null).with("maybeAt", null).with("ops", null).with("times", List.of())
                        .with("labels", Map.of()),
                full().with("next", full().with("next", full())),
                // Values Avro takes besides the declared Java types: Utf8 for strings, a generic enum symbol.
                full().with("choice", new Utf8("utf8")).with("labels", Map.of(new Utf8("k"), new Utf8("v")))
                        .with("kind", new GenericData.EnumSymbol(PollFailureKind.getClassSchema(), "TIMEOUT")));
        for (PlanSample sample : samples) {
            assertThat(ours(sample)).as(Arrays.toString(avros(sample))).isEqualTo(avros(sample));
        }
    }

    @Test
    void shouldThrowWhatAvroThrowsForAValueItCannotWrite() {
        VolumeStatus noMetadata = Samples.healthyDeepVolume();
        noMetadata.put("metadata", null);
        List<SpecificRecord> bad = List.of(noMetadata, full().with("at", null), full().with("n", "not a number"),
                full().with("kind", "NO_SUCH_SYMBOL"), full().with("hash", "not fixed"));
        for (SpecificRecord record : bad) {
            Throwable avros = catchThrowable(() -> avros(record));
            Throwable ours = catchThrowable(() -> ours(record));
            assertThat(avros).as("Avro's writer fails on it").isNotNull();
            assertThat(ours).as(avros.toString()).isNotNull()
                    .hasSameClassAs(avros).hasMessage(avros.getMessage());
        }
    }

    /**
     * A value of neither branch of a nullable union: the writer resolves such unions by null-ness (a generated
     * class's field can only hold null or the branch's type), so it fails on the branch's type where Avro fails
     * on the union; both fail.
     */
    @Test
    void shouldFailLikeAvroOnAValueOfNeitherBranchOfANullableUnion() {
        PlanSample record = full().with("times", List.of("not an instant"));

        assertThat(catchThrowable(() -> avros(record))).isInstanceOf(org.apache.avro.UnresolvedUnionException.class);
        assertThat(catchThrowable(() -> ours(record))).isInstanceOf(ClassCastException.class)
                .hasMessageContaining("PlanSample.times[0]");
    }

    private static PlanSample full() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("a", "1");
        labels.put("none", null);
        List<Instant> times = new ArrayList<>();
        times.add(AT);
        times.add(null);
        times.add(Instant.EPOCH);
        return new PlanSample().with("at", AT).with("maybeAt", AT.plusSeconds(1)).with("times", times)
                .with("labels", labels).with("choice", "x")
                .with("hash", new GenericData.Fixed(PlanSample.SCHEMA.getField("hash").schema(), new byte[] {1, 2, 3, 4}))
                .with("blob", ByteBuffer.wrap(new byte[] {9, 8, 7})).with("ratio", 0.5f).with("mean", -1.25)
                .with("on", true).with("n", -7).with("kind", PollFailureKind.MALFORMED).with("ops", ops())
                .with("next", null);
    }

    private static MgmtOpCounts ops() {
        return new MgmtOpCounts(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, null, 10L, 11L, null);
    }

    /** As the serializer writes: a buffered encoder, as the serializer's is. */
    private static byte[] ours(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificRecordWriter(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static byte[] avros(SpecificRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<Object>(record.getSchema(), SpecificData.getForSchema(record.getSchema()))
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
