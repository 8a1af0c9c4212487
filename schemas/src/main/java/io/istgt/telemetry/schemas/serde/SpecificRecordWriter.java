package io.istgt.telemetry.schemas.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Avro's SpecificDatumWriter for the generated classes, with two shortcuts that keep the bytes. {@link
 * AvroSerializer} writes through it, and so does the collector's spool (the same bytes, framed later):
 *
 * <ul>
 *   <li>Avro's custom coders: the {@code customEncode} the Avro compiler generates for each record class
 *       without logical types (every group of VolumeStatus and ReplicaStatus but the metadata, and the keys)
 *       writes its fields in straight-line code instead of the generic walk of the schema. Avro leaves them off
 *       unless {@code org.apache.avro.specific.use_custom_coders} is set; they are turned on here in a model of
 *       this writer's own (the generated classes' shared model, which readers use too, is left alone), holding
 *       the same logical-type conversions.
 *   <li>The nullable unions ({@code ["null", T]} or {@code [T, "null"]}, every union of these schemas) resolved
 *       by whether the value is null. Avro resolves each union value by its class (conversions by class, then
 *       the branch by schema name, hash lookups per field); a generated class's field of such a union can only
 *       hold null or a T (its Java type is T's), so the branch is the same. Other unions, and GenericRecords
 *       (whose values are not typed), take Avro's own path.
 *   <li>A {@link WritePlan} per schema for what has no custom coder (the records holding a
 *       {@code timestamp-millis}, for which the Avro compiler generates none: VolumeStatus, ReplicaStatus,
 *       CollectionMetadata): type, conversion and union branch resolved once from the Schema instead of for
 *       every value. When the plan's write fails, Avro's own walk writes the record again to nowhere, so the
 *       caller gets Avro's exception, which names the field.
 * </ul>
 */
public final class SpecificRecordWriter extends SpecificDatumWriter<Object> {

    /** Not final: the superclass's constructor calls {@link #setSchema}, which builds it. */
    private WritePlan.Node plan;

    public SpecificRecordWriter(Schema schema) {
        super(schema, withCustomCoders(SpecificData.getForSchema(schema)));
    }

    @Override
    public void setSchema(Schema root) {
        super.setSchema(root);
        plan = WritePlan.of(root, getSpecificData(), super::writeWithoutConversion);
    }

    @Override
    public void write(Object datum, Encoder out) throws IOException {
        if (!(datum instanceof SpecificRecordBase)) {
            super.write(datum, out);
            return;
        }
        try {
            plan.write(datum, out);
        } catch (RuntimeException e) {
            // The failed write is lost anyway (the serializer drops its buffer); Avro's walk words the error.
            super.write(datum, EncoderFactory.get().directBinaryEncoder(OutputStream.nullOutputStream(), null));
            throw e;
        }
    }

    private static SpecificData withCustomCoders(SpecificData model) {
        SpecificData data = new SpecificData(model.getClassLoader());
        model.getConversions().forEach(data::addLogicalTypeConversion);
        data.setCustomCoders(true);
        return data;
    }

    @Override
    protected int resolveUnion(Schema union, Object datum) {
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
