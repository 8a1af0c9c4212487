package io.istgt.telemetry.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/** Next versions of a schema, edited as JSON so everything else (docs, defaults, nested types) stays as it is. */
final class SchemaEdits {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaEdits() {
    }

    /** {@code schema} with one more top-level field, given as JSON. */
    static Schema withField(Schema schema, String fieldJson) {
        return edit(schema, fields -> fields.add(parse(fieldJson)));
    }

    /** {@code schema} without the named top-level field. */
    static Schema withoutField(Schema schema, String name) {
        return edit(schema, fields -> {
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).path("name").asText().equals(name)) {
                    fields.remove(i);
                    return;
                }
            }
            throw new IllegalArgumentException("no field " + name);
        });
    }

    /** {@code schema} with the named top-level field's type replaced. */
    static Schema withFieldType(Schema schema, String name, String typeJson) {
        return edit(schema, fields -> {
            for (JsonNode field : fields) {
                if (field.path("name").asText().equals(name)) {
                    ((ObjectNode) field).set("type", parse(typeJson));
                    ((ObjectNode) field).remove("default");
                }
            }
        });
    }

    /** {@code record} re-read as a GenericRecord of {@code newer} (fields added there take their defaults). */
    static GenericRecord asNewer(SpecificRecord record, Schema newer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return new GenericDatumReader<GenericRecord>(record.getSchema(), newer)
                    .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema edit(Schema schema, Consumer<ArrayNode> change) {
        ObjectNode root = (ObjectNode) parse(schema.toString());
        change.accept((ArrayNode) root.get("fields"));
        return new Schema.Parser().parse(root.toString());
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
