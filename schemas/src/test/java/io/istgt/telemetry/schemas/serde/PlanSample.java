package io.istgt.telemetry.schemas.serde;

import io.istgt.telemetry.schemas.MgmtOpCounts;
import io.istgt.telemetry.schemas.PollFailureKind;
import java.util.List;
import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written specific record whose schema holds what the project's schemas do not: maps, a union of more
 * than null and one type, fixed, bytes, float, boolean, int, a recursive field, logical types in a field, in a
 * nullable union and in array items; and a generated enum and a generated record with a custom coder. Its
 * values are a plain array, so a test can put any value, of the right type or not, in any field.
 */
public final class PlanSample extends SpecificRecordBase {

    static final Schema SCHEMA = new Schema.Parser()
            .addTypes(List.of(MgmtOpCounts.getClassSchema(), PollFailureKind.getClassSchema()))
            .parse("""
                    {"type": "record", "name": "PlanSample", "namespace": "io.istgt.telemetry.schemas.serde", "fields": [
                      {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                      {"name": "maybeAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
                      {"name": "times", "type": {"type": "array", "items": ["null", {"type": "long", "logicalType": "timestamp-millis"}]}},
                      {"name": "labels", "type": {"type": "map", "values": ["string", "null"]}},
                      {"name": "choice", "type": ["null", "string", "long", "io.istgt.telemetry.schemas.MgmtOpCounts"]},
                      {"name": "hash", "type": {"type": "fixed", "name": "Hash", "size": 4}},
                      {"name": "blob", "type": "bytes"},
                      {"name": "ratio", "type": "float"},
                      {"name": "mean", "type": "double"},
                      {"name": "on", "type": "boolean"},
                      {"name": "n", "type": "int"},
                      {"name": "kind", "type": "io.istgt.telemetry.schemas.PollFailureKind"},
                      {"name": "ops", "type": ["null", "io.istgt.telemetry.schemas.MgmtOpCounts"]},
                      {"name": "next", "type": ["null", "PlanSample"]}
                    ]}""");

    /** Found by Avro's SpecificData.getForSchema, as a generated class's is: the conversions for its unions. */
    public static final SpecificData MODEL$ = new SpecificData();

    static {
        MODEL$.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    }

    private static final Conversion<?> AT = new TimeConversions.TimestampMillisConversion();

    private final Object[] values = new Object[SCHEMA.getFields().size()];

    /** For Avro, which makes one to ask whether the class has custom coders. */
    public PlanSample() {
    }

    PlanSample with(String field, Object value) {
        values[SCHEMA.getField(field).pos()] = value;
        return this;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA;
    }

    @Override
    public SpecificData getSpecificData() {
        return MODEL$;
    }

    @Override
    public Object get(int field) {
        return values[field];
    }

    @Override
    public void put(int field, Object value) {
        values[field] = value;
    }

    @Override
    public Conversion<?> getConversion(int field) {
        return field == 0 ? AT : null;
    }
}
