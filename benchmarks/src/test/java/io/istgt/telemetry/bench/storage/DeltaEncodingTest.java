package io.istgt.telemetry.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class DeltaEncodingTest {

    private static final Schema REPLICA = SchemaBuilder.record("Replica").fields()
            .requiredLong("reads").endRecord();
    private static final Schema VOLUME = SchemaBuilder.record("Volume").fields()
            .requiredString("iqn")
            .requiredLong("collectedAt")
            .requiredInt("sequence")
            .optionalLong("bytesRead")
            .name("replicas").type().array().items(REPLICA).noDefault()
            .endRecord();

    @Test
    void firstRecordOfAKeyIsWholeThenNumbersAreDifferencesToTheSameKeysPrevious() throws IOException {
        DeltaEncoding deltas = new DeltaEncoding();
        GenericRecord first = volume(1_700_000_000_000L, 7, 4096L, 100, 200);
        GenericRecord second = volume(1_700_000_001_000L, 8, null, 130, 260);
        GenericRecord third = volume(1_700_000_002_005L, 9, 8192L, 131, 250);

        assertEquals(first, decode(deltas.encode("vol", first)));
        assertEquals(volume(1_000, 1, null, 30, 60), decode(deltas.encode("vol", second)));
        // null on either side is kept as it is; a counter that went back gives a negative delta
        assertEquals(volume(1_005, 1, 8192L, 1, -10), decode(deltas.encode("vol", third)));
        // another key has its own previous record
        assertEquals(first, decode(deltas.encode("other", first)));
    }

    @Test
    void arraysOfAnotherLengthAreKeptWhole() throws IOException {
        DeltaEncoding deltas = new DeltaEncoding();
        deltas.encode("vol", volume(10, 1, 1L, 5, 6));
        GenericRecord grown = volume(20, 2, 2L, 5, 6, 7);
        GenericRecord decoded = decode(deltas.encode("vol", grown));
        assertEquals(10L, decoded.get("collectedAt"));
        assertEquals(grown.get("replicas"), decoded.get("replicas"));
        assertNull(decode(deltas.encode("x", volume(1, 1, null))).get("bytesRead"));
    }

    private static GenericRecord volume(long collectedAt, int sequence, Long bytesRead, long... reads) {
        GenericData.Record v = new GenericData.Record(VOLUME);
        v.put("iqn", "iqn.2016-09.com.openebs.cstor:vol1");
        v.put("collectedAt", collectedAt);
        v.put("sequence", sequence);
        v.put("bytesRead", bytesRead);
        GenericData.Array<GenericRecord> replicas =
                new GenericData.Array<>(VOLUME.getField("replicas").schema(), List.of());
        for (long r : reads) {
            GenericData.Record replica = new GenericData.Record(REPLICA);
            replica.put("reads", r);
            replicas.add(replica);
        }
        v.put("replicas", replicas);
        return v;
    }

    private static GenericRecord decode(byte[] body) throws IOException {
        GenericRecord r = new GenericDatumReader<GenericRecord>(VOLUME)
                .read(null, DecoderFactory.get().binaryDecoder(body, null));
        // strings decode as Utf8: compare as the test built them
        ((GenericData.Record) r).put("iqn", r.get("iqn").toString());
        return r;
    }
}
