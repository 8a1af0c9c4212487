package io.istgt.telemetry.bench.storage;

import io.istgt.telemetry.schemas.history.SnapshotDeltas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * The history blocks' delta encoding ({@link SnapshotDeltas}) applied to a whole run, record by record, so the
 * compression floors can be taken for records stored as differences: each record's Avro body with its numbers
 * as differences to the same key's previous record, the first record of a key whole. Keys are not touched.
 */
final class DeltaEncoding {

    private final Map<String, GenericRecord> previousByKey = new HashMap<>();

    /** The record's Avro body with its numbers as deltas to {@code key}'s previous record. */
    byte[] encode(String key, GenericRecord record) {
        GenericRecord previous = previousByKey.put(key, record);
        GenericRecord delta = previous == null ? record : SnapshotDeltas.encode(List.of(previous, record)).getLast();
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(delta, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
