package io.istgt.telemetry.schemas.serde;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The model {@link AvroSerializer#specificWriter} writes generated records with: the generated classes' model,
 * with the Avro compiler's custom coders on, and optional fields resolved without a lookup.
 *
 * <p>Why {@link #resolveUnion} is overridden: Avro resolves every union value by the name of the value's type,
 * through a conversion lookup by class and two hash maps, and almost every field of our schemas is an optional
 * {@code ["null", T]}. The records that have a logical type (the status records' timestamps) have no custom coder,
 * so Avro walks them, and that lookup was a tenth of the snapshot path's time (docs/benchmarks.md, benchmark 1).
 * A generated class types each field, so a non-null value of a {@code ["null", T]} field is a {@code T}: the
 * branch follows from the value being null or not. Every other union is left to Avro. The same bytes.
 */
final class SpecificWriterModel extends SpecificData {

    /** The model of {@code schema}'s generated class, with the same logical-type conversions. */
    SpecificWriterModel(Schema schema) {
        super(SpecificData.getForSchema(schema).getClassLoader());
        SpecificData.getForSchema(schema).getConversions().forEach(this::addLogicalTypeConversion);
        setCustomCoders(true);
    }

    @Override
    public int resolveUnion(Schema union, Object datum) {
        List<Schema> branches = union.getTypes();
        if (branches.size() == 2) {
            if (branches.get(0).getType() == Schema.Type.NULL) {
                return datum == null ? 0 : 1;
            }
            if (branches.get(1).getType() == Schema.Type.NULL) {
                return datum == null ? 1 : 0;
            }
        }
        return super.resolveUnion(union, datum);
    }
}
