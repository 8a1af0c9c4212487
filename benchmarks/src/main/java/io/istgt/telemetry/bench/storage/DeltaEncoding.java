package io.istgt.telemetry.bench.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A thought experiment for benchmark 6, not a format anyone writes: how small would the history be if every
 * number of a record were stored as its difference to the same field of the same key's previous record? That is
 * the schema change the storage target would need (delta-encoded counters, times and sequence numbers), measured
 * before anybody decides on it.
 *
 * <p>Each record is re-encoded with its own writer schema, its longs and ints replaced by their deltas (nested
 * records and equally long arrays field by field; a field null on either side kept as it is), so the bytes are
 * what Avro's zig-zag varints make of small differences. Keys are not touched. The first record of a key is kept
 * whole.
 */
final class DeltaEncoding {

    private final Map<String, GenericRecord> previousByKey = new HashMap<>();

    /** The record's Avro body with its numbers as deltas to {@code key}'s previous record. */
    byte[] encode(String key, GenericRecord record) {
        GenericRecord previous = previousByKey.put(key, record);
        GenericRecord delta = previous == null || !previous.getSchema().equals(record.getSchema())
                ? record : (GenericRecord) delta(record, previous);
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

    private static Object delta(Object value, Object previous) {
        if (value instanceof Long v && previous instanceof Long p) {
            return v - p;
        }
        if (value instanceof Integer v && previous instanceof Integer p) {
            return v - p;
        }
        if (value instanceof GenericRecord v && previous instanceof GenericRecord p
                && v.getSchema().equals(p.getSchema())) {
            GenericData.Record out = new GenericData.Record(v.getSchema());
            for (Schema.Field field : v.getSchema().getFields()) {
                out.put(field.pos(), delta(v.get(field.pos()), p.get(field.pos())));
            }
            return out;
        }
        if (value instanceof List<?> v && previous instanceof List<?> p && v.size() == p.size()) {
            List<Object> out = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                out.add(delta(v.get(i), p.get(i)));
            }
            return value instanceof GenericData.Array<?> array
                    ? new GenericData.Array<>(array.getSchema(), out) : out;
        }
        return value;
    }
}
