package io.istgt.telemetry.schemas.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * The delta encoding of history blocks: a run of records of one key, the first kept whole and in each later one
 * every int, long and timestamp replaced by its difference to the same field of the record before it. Between
 * two polls of a volume most counters move little or not at all, so the differences are small varints and
 * runs of zeros that zstd stores in a few bytes; the records as sent are mostly distinct large numbers. No
 * library does this for Avro records (Avro and Kafka compress bytes, not fields), hence this class.
 *
 * <p>The rule, the same both ways so decoding mirrors encoding exactly: nested records of the same schema are
 * taken field by field, lists of equal length item by item; a number is taken as a difference only when the
 * value and the previous one are both numbers of the same kind; anything else (null on either side, lists of
 * another length, doubles, strings, enums, booleans) is kept whole. Works on specific and generic records.
 */
public final class SnapshotDeltas {

    private SnapshotDeltas() {
    }

    /** The records with all but the first delta-encoded; the records given are not changed. */
    public static <T extends IndexedRecord> List<T> encode(List<T> records) {
        List<T> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            out.add(i == 0 ? records.get(0) : transform(records.get(i), records.get(i - 1), -1));
        }
        return out;
    }

    /** The plain records of a delta-encoded run; the inverse of {@link #encode}. */
    public static <T extends IndexedRecord> List<T> decode(List<T> encoded) {
        List<T> out = new ArrayList<>(encoded.size());
        for (int i = 0; i < encoded.size(); i++) {
            out.add(i == 0 ? encoded.get(0) : transform(encoded.get(i), out.get(i - 1), +1));
        }
        return out;
    }

    /** {@code value + sign * previous}, field by field: sign -1 encodes, +1 decodes. */
    @SuppressWarnings("unchecked")
    private static <T> T transform(T value, Object previous, int sign) {
        return (T) combine(value, previous, sign);
    }

    private static Object combine(Object value, Object previous, int sign) {
        if (value instanceof Long v && previous instanceof Long p) {
            return v + sign * p;
        }
        if (value instanceof Integer v && previous instanceof Integer p) {
            return v + sign * p;
        }
        if (value instanceof Instant v && previous instanceof Instant p) {
            return Instant.ofEpochMilli(v.toEpochMilli() + sign * p.toEpochMilli());
        }
        if (value instanceof IndexedRecord v && previous instanceof IndexedRecord p
                && v.getSchema().equals(p.getSchema())) {
            IndexedRecord out = newRecord(v);
            for (Schema.Field field : v.getSchema().getFields()) {
                out.put(field.pos(), combine(v.get(field.pos()), p.get(field.pos()), sign));
            }
            return out;
        }
        if (value instanceof List<?> v && previous instanceof List<?> p && v.size() == p.size()) {
            List<Object> items = new ArrayList<>(v.size());
            for (int i = 0; i < v.size(); i++) {
                items.add(combine(v.get(i), p.get(i), sign));
            }
            return value instanceof GenericData.Array<?> array ? new GenericData.Array<>(array.getSchema(), items)
                    : items;
        }
        return value;
    }

    /** An empty record of the same class as {@code like}: the generated class for specific records. */
    private static IndexedRecord newRecord(IndexedRecord like) {
        if (like instanceof GenericData.Record) {
            return new GenericData.Record(like.getSchema());
        }
        return (IndexedRecord) SpecificData.newInstance(like.getClass(), like.getSchema());
    }
}
