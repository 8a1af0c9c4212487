package io.istgt.telemetry.schemas.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class SnapshotDeltasTest {

    private static final Schema REPLICA = SchemaBuilder.record("Replica").fields()
            .requiredLong("reads").optionalInt("port").endRecord();
    private static final Schema VOLUME = SchemaBuilder.record("Volume").fields()
            .requiredString("iqn")
            .requiredLong("collectedAt")
            .requiredInt("sequence")
            .optionalLong("bytesRead")
            .requiredDouble("latencyMs")
            .name("replicas").type().array().items(REPLICA).noDefault()
            .endRecord();

    @Test
    void numbersBecomeDifferencesToThePreviousRecordAndTheRestStaysWhole() {
        List<GenericRecord> records = List.of(
                volume(1_700_000_000_000L, 7, 4096L, 1.5, 100, 200),
                volume(1_700_000_001_000L, 8, null, 2.5, 130, 260),
                volume(1_700_000_002_005L, 9, 8192L, 3.5, 131, 250),
                volume(1_700_000_003_000L, 10, 8200L, 3.5, 131, 250, 7));

        List<GenericRecord> encoded = SnapshotDeltas.encode(records);

        assertThat(encoded.get(0)).isEqualTo(records.get(0));
        // null on either side and doubles are kept whole; a counter that went back gives a negative difference
        assertThat(encoded.get(1)).isEqualTo(volume(1_000, 1, null, 2.5, 30, 60));
        assertThat(encoded.get(2)).isEqualTo(volume(1_005, 1, 8192L, 3.5, 1, -10));
        // a list of another length is kept whole
        assertThat(encoded.get(3)).isEqualTo(volume(995, 1, 8L, 3.5, 131, 250, 7));
        assertThat(SnapshotDeltas.decode(encoded)).isEqualTo(records);
    }

    @Test
    void decodingGivesBackAnyRunOfRecords() {
        Random random = new Random(20261126);
        for (int run = 0; run < 200; run++) {
            List<GenericRecord> records = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(40); i < n; i++) {
                long[] reads = new long[random.nextInt(4)];
                for (int r = 0; r < reads.length; r++) {
                    reads[r] = random.nextBoolean() ? random.nextLong() : random.nextInt(1000);
                }
                records.add(volume(random.nextLong(), random.nextInt(),
                        random.nextInt(3) == 0 ? null : random.nextLong(), random.nextDouble(), reads));
                List<?> replicas = (List<?>) records.getLast().get("replicas");
                if (!replicas.isEmpty() && random.nextInt(3) == 0) {
                    ((GenericRecord) replicas.getFirst()).put("port", random.nextInt());
                }
            }
            List<GenericRecord> copy = new ArrayList<>(records.stream()
                    .map(r -> GenericData.get().deepCopy(VOLUME, r)).toList());

            List<GenericRecord> encoded = SnapshotDeltas.encode(records);

            assertThat(SnapshotDeltas.decode(encoded)).isEqualTo(records);
            assertThat(records).as("the records given are not changed").isEqualTo(copy);
        }
    }

    private static GenericRecord volume(long collectedAt, int sequence, Long bytesRead, double latencyMs,
                                        long... reads) {
        GenericData.Record v = new GenericData.Record(VOLUME);
        v.put("iqn", "iqn.2016-09.com.openebs.cstor:vol1");
        v.put("collectedAt", collectedAt);
        v.put("sequence", sequence);
        v.put("bytesRead", bytesRead);
        v.put("latencyMs", latencyMs);
        GenericData.Array<GenericRecord> replicas = new GenericData.Array<>(reads.length, VOLUME.getField("replicas").schema());
        for (long r : reads) {
            GenericData.Record replica = new GenericData.Record(REPLICA);
            replica.put("reads", r);
            replicas.add(replica);
        }
        v.put("replicas", replicas);
        return v;
    }
}
