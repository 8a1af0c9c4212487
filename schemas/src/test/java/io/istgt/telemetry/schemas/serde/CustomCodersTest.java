package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.IstgtTopic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * The generated classes' custom coders (from {@code src/main/avro-templates/record.vm}, Avro's template changed to
 * cover timestamp-millis) against Avro's own walk of the schema: for random records of every key and value schema
 * of the topic catalogue, {@code customEncode} writes the bytes Avro's SpecificDatumWriter writes without custom
 * coders (which converts each Instant with Avro's TimestampMillisConversion), and {@code customDecode} reads them
 * back into an equal record.
 */
class CustomCodersTest {

    private static final int RECORDS_PER_SCHEMA = 300;

    @Test
    void shouldEncodeEveryRecordOfTheCatalogueAsAvrosWalkDoesAndDecodeItBack() throws Exception {
        Set<Schema> schemas = new LinkedHashSet<>();
        for (IstgtTopic topic : IstgtTopic.values()) {
            schemas.add(topic.keySchema());
            schemas.add(topic.valueSchema());
        }
        SpecificData decodingWithCoders = new SpecificData(getClass().getClassLoader());
        SpecificData.get().getConversions().forEach(decodingWithCoders::addLogicalTypeConversion);
        decodingWithCoders.setCustomCoders(true);
        Random random = new Random(20261207);
        int withTimestamps = 0;
        for (Schema schema : schemas) {
            withTimestamps += schema.toString().contains("timestamp-millis") ? 1 : 0;
            SpecificData walking = SpecificData.getForSchema(schema);
            assertThat(walking.useCustomCoders()).as("the generated classes' own model walks the schema").isFalse();
            for (int i = 0; i < RECORDS_PER_SCHEMA; i++) {
                SpecificRecordBase record = specific(schema, new RandomRecords(random).value(schema));

                byte[] walked = walk(schema, walking, record);
                ByteArrayOutputStream coded = new ByteArrayOutputStream();
                BinaryEncoder codedEncoder = EncoderFactory.get().directBinaryEncoder(coded, null);
                record.customEncode(codedEncoder);
                codedEncoder.flush();

                assertThat(coded.toByteArray()).as("%s #%d: %s", schema.getName(), i, record).isEqualTo(walked);
                Object decoded = new SpecificDatumReader<>(schema, schema, decodingWithCoders).read(null,
                        DecoderFactory.get().binaryDecoder(coded.toByteArray(), null));
                // Compared by their bytes and text: a generated equals() hands an array of records to Avro's
                // GenericData.compare, which knows no Instant.
                assertThat(decoded.toString()).as("%s #%d read back by customDecode", schema.getName(), i)
                        .isEqualTo(record.toString());
                assertThat(walk(schema, walking, decoded)).as("%s #%d read back by customDecode", schema.getName(), i)
                        .isEqualTo(walked);
            }
        }
        assertThat(withTimestamps).as("schemas of the catalogue with a timestamp-millis field").isGreaterThanOrEqualTo(5);
    }

    /** The template is Avro's of the release the project builds with: an upgrade must copy the new one. */
    @Test
    void shouldBeTheTemplateOfTheAvroReleaseInUse() throws IOException {
        Properties avro = new Properties();
        try (InputStream in = Schema.class.getResourceAsStream("/META-INF/maven/org.apache.avro/avro/pom.properties")) {
            assertThat(in).as("avro's pom.properties on the classpath").isNotNull();
            avro.load(in);
        }
        String template = Files.readString(Path.of("src/main/avro-templates/record.vm"), StandardCharsets.UTF_8);

        assertThat(template).as("record.vm's header names the Avro release it was copied from")
                .contains("Avro " + avro.getProperty("version") + "'s record template");
    }

    /** {@code record} written by Avro's SpecificDatumWriter in {@code model}. */
    private static byte[] walk(Schema schema, SpecificData model, Object record) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        new SpecificDatumWriter<Object>(schema, model).write(record, encoder);
        encoder.flush();
        return bytes.toByteArray();
    }

    /** The generated class of {@code schema} holding {@code generic}: Avro's walk writes it, the shared model reads it. */
    private static SpecificRecordBase specific(Schema schema, Object generic) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        new GenericDatumWriter<>(schema, GenericData.get()).write(generic, encoder);
        encoder.flush();
        return (SpecificRecordBase) new SpecificDatumReader<>(schema, schema, SpecificData.getForSchema(schema))
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }

    /**
     * Random generic values of a schema: a union's branch at random (null about half the time), strings with
     * characters outside ASCII, longs over the whole range (a timestamp-millis included), empty and short arrays.
     */
    private record RandomRecords(Random random) {

        Object value(Schema schema) {
            return switch (schema.getType()) {
                case RECORD -> {
                    GenericData.Record record = new GenericData.Record(schema);
                    for (Schema.Field f : schema.getFields()) {
                        record.put(f.pos(), value(f.schema()));
                    }
                    yield record;
                }
                case UNION -> value(schema.getTypes().get(random.nextInt(schema.getTypes().size())));
                case ARRAY -> {
                    List<Object> items = new ArrayList<>();
                    for (int i = random.nextInt(4); i > 0; i--) {
                        items.add(value(schema.getElementType()));
                    }
                    yield new GenericData.Array<>(schema, items);
                }
                case MAP -> {
                    Map<String, Object> entries = new HashMap<>();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        entries.put(text(), value(schema.getValueType()));
                    }
                    yield entries;
                }
                case ENUM -> new GenericData.EnumSymbol(schema,
                        schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
                case STRING -> text();
                case LONG -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(100_000);
                case INT -> random.nextInt();
                case DOUBLE -> random.nextDouble() * 1e6;
                case FLOAT -> random.nextFloat();
                case BOOLEAN -> random.nextBoolean();
                case BYTES -> ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8));
                case NULL -> null;
                case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            };
        }

        private String text() {
            String[] pieces = {"", "iqn.2016-09.com.openebs.cstor:vol1", "6161", "é", "≥", "𝄞", " "};
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(4); i > 0; i--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            return text.toString();
        }
    }
}
