package io.istgt.telemetry.bench.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

/**
 * What DeltaEncoding adds to SnapshotDeltas (whose rule SnapshotDeltasTest covers): each key has its own previous
 * record, its first record is whole, and the result is the record's Avro body.
 */
class DeltaEncodingTest {

    private static final Schema COUNTER = SchemaBuilder.record("Counter").fields().requiredLong("reads").endRecord();

    @Test
    void eachKeysFirstRecordIsWholeAndTheNextTheDifferenceToItsOwnPrevious() throws IOException {
        DeltaEncoding deltas = new DeltaEncoding();

        assertEquals(100L, reads(deltas.encode("vol1", counter(100))));
        assertEquals(7_000L, reads(deltas.encode("vol2", counter(7_000))));
        assertEquals(30L, reads(deltas.encode("vol1", counter(130))));
        assertEquals(-10L, reads(deltas.encode("vol2", counter(6_990))));
    }

    private static GenericRecord counter(long reads) {
        GenericData.Record r = new GenericData.Record(COUNTER);
        r.put("reads", reads);
        return r;
    }

    private static long reads(byte[] body) throws IOException {
        return (Long) new GenericDatumReader<GenericRecord>(COUNTER)
                .read(null, DecoderFactory.get().binaryDecoder(body, null)).get("reads");
    }
}
