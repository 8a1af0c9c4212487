package io.istgt.telemetry.schemas.serde;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.io.Encoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * What {@link SpecificRecordWriter} writes, resolved once per schema: a tree of writers, one per schema node,
 * each knowing its type, its logical-type conversion and, for a nullable union, its null branch, where Avro's
 * generic writer switches on the type, looks the conversion up and resolves the union again for every value.
 * Built from the Schema alone, so it serves any schema; the bytes are Avro's, since every node calls the
 * {@link Encoder} methods Avro's walk calls for the same value.
 *
 * <p>A value the plan was not made for (a record that is not a generated class, an enum that is not a Java
 * enum, a string that is not a CharSequence, a union other than {@code ["null", T]}) is handed to Avro's own
 * walk for that node ({@link Fallback}), so behaviour stays Avro's wherever the plan would have to guess.
 */
final class WritePlan {

    /** Writes one value of one schema node. */
    @FunctionalInterface
    interface Node {
        void write(Object datum, Encoder out) throws IOException;
    }

    /** Avro's own walk of one schema node, its conversion already applied ({@code writeWithoutConversion}). */
    @FunctionalInterface
    interface Fallback {
        void write(Schema schema, Object datum, Encoder out) throws IOException;
    }

    private final SpecificData model;
    private final Fallback fallback;
    /** Records by full name while building, so a recursive schema refers to the record being built. */
    private final Map<String, RecordNode> records = new HashMap<>();

    private WritePlan(SpecificData model, Fallback fallback) {
        this.model = model;
        this.fallback = fallback;
    }

    /** The writer of {@code schema}'s values, as Avro's SpecificDatumWriter over {@code model} writes them. */
    static Node of(Schema schema, SpecificData model, Fallback fallback) {
        return new WritePlan(model, fallback).converting(schema);
    }

    /**
     * A node outside a record field (the root, union branches, items, map values): Avro converts a logical type
     * there by the value's class, through the model.
     */
    private Node converting(Schema schema) {
        Node raw = raw(schema);
        LogicalType logicalType = schema.getLogicalType();
        return logicalType == null ? raw : new ByClassConversion(schema, logicalType, model, raw);
    }

    /** A node written without a conversion (a record field converts with its record's own, see RecordNode). */
    private Node raw(Schema schema) {
        return switch (schema.getType()) {
            case RECORD -> record(schema);
            case ENUM -> (datum, out) -> {
                if (datum instanceof Enum<?> e) {
                    out.writeEnum(e.ordinal());
                } else {
                    fallback.write(schema, datum, out);
                }
            };
            case ARRAY -> array(schema);
            case MAP -> map(schema);
            case UNION -> union(schema);
            case FIXED -> (datum, out) -> out.writeFixed(((GenericFixed) datum).bytes(), 0, schema.getFixedSize());
            case STRING -> (datum, out) -> {
                if (datum instanceof CharSequence text) {
                    out.writeString(text);
                } else {
                    fallback.write(schema, datum, out);
                }
            };
            case BYTES -> (datum, out) -> out.writeBytes((ByteBuffer) datum);
            case INT -> (datum, out) -> out.writeInt(((Number) datum).intValue());
            case LONG -> (datum, out) -> out.writeLong(((Number) datum).longValue());
            case FLOAT -> (datum, out) -> out.writeFloat(((Number) datum).floatValue());
            case DOUBLE -> (datum, out) -> out.writeDouble(((Number) datum).doubleValue());
            case BOOLEAN -> (datum, out) -> out.writeBoolean((Boolean) datum);
            case NULL -> (datum, out) -> out.writeNull();
        };
    }

    private Node record(Schema schema) {
        RecordNode known = records.get(schema.getFullName());
        if (known != null) {
            return known;
        }
        List<Schema.Field> fields = schema.getFields();
        Class<?> type = model.getClass(schema);
        RecordNode node = new RecordNode(schema, fields.size(), type, model.useCustomCoders() && hasCustomCoders(type),
                fallback);
        records.put(schema.getFullName(), node);
        for (Schema.Field f : fields) {
            node.fieldSchemas[f.pos()] = f.schema();
            node.logicalTypes[f.pos()] = f.schema().getLogicalType();
            node.fields[f.pos()] = raw(f.schema());
        }
        return node;
    }

    /**
     * Whether the generated class writes itself ({@code customEncode}), asked once of a new instance: Avro asks
     * each record, but a generated class answers a constant. {@code hasCustomCoders} is protected (Avro's own
     * writer is in its package), hence reflection. A class that cannot be asked is written field by field, which
     * gives the same bytes.
     */
    private static boolean hasCustomCoders(Class<?> type) {
        if (type == null || !SpecificRecordBase.class.isAssignableFrom(type)) {
            return false;
        }
        try {
            Method asked = SpecificRecordBase.class.getDeclaredMethod("hasCustomCoders");
            asked.setAccessible(true);
            return (Boolean) asked.invoke(type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private Node array(Schema schema) {
        Node items = converting(schema.getElementType());
        return (datum, out) -> {
            Collection<?> list = (Collection<?>) datum;
            long size = list.size();
            long written = 0;
            out.writeArrayStart();
            out.setItemCount(size);
            for (Object item : list) {
                out.startItem();
                items.write(item, out);
                written++;
            }
            out.writeArrayEnd();
            if (written != size) {
                throw new java.util.ConcurrentModificationException("Size of array written was " + size
                        + ", but number of elements written was " + written + ". ");
            }
        };
    }

    private Node map(Schema schema) {
        Node values = converting(schema.getValueType());
        return (datum, out) -> {
            Map<?, ?> map = (Map<?, ?>) datum;
            int size = map.size();
            int written = 0;
            out.writeMapStart();
            out.setItemCount(size);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.startItem();
                out.writeString(entry.getKey().toString());
                values.write(entry.getValue(), out);
                written++;
            }
            out.writeMapEnd();
            if (written != size) {
                throw new java.util.ConcurrentModificationException("Size of map written was " + size
                        + ", but number of entries written was " + written + ". ");
            }
        };
    }

    /**
     * A nullable union by null-ness, as {@link SpecificRecordWriter#resolveUnion} resolves it; any other union
     * through Avro's resolution, for the whole union node.
     */
    private Node union(Schema schema) {
        List<Schema> branches = schema.getTypes();
        int nullBranch = branches.size() != 2 ? -1
                : branches.get(0).getType() == Schema.Type.NULL ? 0
                : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
        if (nullBranch < 0) {
            return (datum, out) -> fallback.write(schema, datum, out);
        }
        int valueBranch = 1 - nullBranch;
        Node value = converting(branches.get(valueBranch));
        return (datum, out) -> {
            if (datum == null) {
                out.writeIndex(nullBranch);
                out.writeNull();
            } else {
                out.writeIndex(valueBranch);
                value.write(datum, out);
            }
        };
    }

    /**
     * A record of the schema's generated class: its custom coder if it has one (and the model uses them), as
     * Avro's SpecificDatumWriter calls it; else its fields in order, each field with a logical type converted by
     * the record's own conversion for that field, as Avro's {@code writeField} does. A record of another class
     * goes to Avro's walk.
     */
    private static final class RecordNode implements Node {
        final Schema schema;
        final Node[] fields;
        final Schema[] fieldSchemas;
        final LogicalType[] logicalTypes;
        final Class<?> type;
        final boolean customCoder;
        final Fallback fallback;

        RecordNode(Schema schema, int size, Class<?> type, boolean customCoder, Fallback fallback) {
            this.schema = schema;
            this.fields = new Node[size];
            this.fieldSchemas = new Schema[size];
            this.logicalTypes = new LogicalType[size];
            this.type = type;
            this.customCoder = customCoder;
            this.fallback = fallback;
        }

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            if (datum == null || datum.getClass() != type) {
                fallback.write(schema, datum, out);
                return;
            }
            SpecificRecordBase record = (SpecificRecordBase) datum;
            if (customCoder) {
                record.customEncode(out);
                return;
            }
            for (int i = 0; i < fields.length; i++) {
                Object value = record.get(i);
                LogicalType logicalType = logicalTypes[i];
                if (logicalType != null) {
                    Conversion<?> conversion = record.getConversion(i);
                    if (conversion != null) {
                        value = Conversions.convertToRawType(value, fieldSchemas[i], logicalType, conversion);
                    }
                }
                fields[i].write(value, out);
            }
        }
    }

    /**
     * A logical type outside a record field: converted by the model's conversion for the value's class. The last
     * class seen and its conversion are kept (an immutable pair, so threads sharing the plan see either the old
     * pair or the new one), which saves the model's lookup for every value of the same class.
     */
    private static final class ByClassConversion implements Node {
        private record Resolved(Class<?> type, Conversion<?> conversion) {
        }

        private final Schema schema;
        private final LogicalType logicalType;
        private final SpecificData model;
        private final Node raw;
        private Resolved last = new Resolved(null, null);

        ByClassConversion(Schema schema, LogicalType logicalType, SpecificData model, Node raw) {
            this.schema = schema;
            this.logicalType = logicalType;
            this.model = model;
            this.raw = raw;
        }

        @Override
        public void write(Object datum, Encoder out) throws IOException {
            if (datum == null) {
                raw.write(null, out);
                return;
            }
            Resolved resolved = last;
            if (resolved.type() != datum.getClass()) {
                resolved = new Resolved(datum.getClass(), model.getConversionByClass(datum.getClass(), logicalType));
                last = resolved;
            }
            Conversion<?> conversion = resolved.conversion();
            raw.write(conversion == null ? datum
                    : Conversions.convertToRawType(datum, schema, logicalType, conversion), out);
        }
    }
}
