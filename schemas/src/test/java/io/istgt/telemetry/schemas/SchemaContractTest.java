package io.istgt.telemetry.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The rules docs/metrics.md promises consumers, checked on the schemas themselves. */
class SchemaContractTest {

    static final List<Schema> VALUES = List.of(VolumeStatus.getClassSchema(), ReplicaStatus.getClassSchema());
    static final List<Schema> KEYS = List.of(VolumeKey.getClassSchema(), ReplicaKey.getClassSchema());
    private static final Path METRICS_DOC = Path.of("..", "docs", "metrics.md");

    @Test
    void shouldDocumentEveryRecordFieldAndEnum() {
        List<String> undocumented = new ArrayList<>();
        for (Schema schema : all()) {
            visit(schema, schema.getName(), (path, field) -> {
                if (field.doc() == null || field.doc().isBlank()) {
                    undocumented.add(path);
                }
            }, named -> {
                if (named.getDoc() == null || named.getDoc().isBlank()) {
                    undocumented.add(named.getFullName());
                }
            });
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldDefaultEveryNullableFieldToNullAndEveryArrayToEmpty() {
        List<String> wrong = new ArrayList<>();
        for (Schema schema : all()) {
            visit(schema, schema.getName(), (path, field) -> {
                Schema type = field.schema();
                if (type.isNullable() && (type.getTypes().getFirst().getType() != Schema.Type.NULL
                        || field.defaultVal() != JsonProperties.NULL_VALUE)) {
                    wrong.add(path + " (nullable: null must come first and be the default)");
                }
                if (type.getType() == Schema.Type.ARRAY && !field.hasDefaultValue()) {
                    wrong.add(path + " (array without default)");
                }
            }, named -> {
                if (named.getType() == Schema.Type.ENUM && named.getEnumDefault() == null) {
                    wrong.add(named.getFullName() + " (enum without default symbol)");
                }
            });
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldListEveryMetricFieldInTheMetricsDoc() throws IOException {
        String doc = Files.readString(METRICS_DOC, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (Schema schema : VALUES) {
            for (Leaf leaf : leaves(schema)) {
                if (!doc.contains("`" + leaf.path() + "`") && !doc.contains("`" + leaf.typeAndField() + "`")) {
                    missing.add(leaf.path());
                }
            }
        }
        assertThat(missing).as("leaf fields missing from %s", METRICS_DOC).isEmpty();
    }

    /**
     * A non-record field: its full path (VolumeStatus.target.status, arrays of records as name[]) and, for types
     * shared by several fields (MgmtOpCounts, ReplicaOpStats, CollectionMetadata), the shorter Type.field the doc
     * may use instead.
     */
    record Leaf(String path, String typeAndField) {
    }

    static List<Leaf> leaves(Schema schema) {
        List<Leaf> leaves = new ArrayList<>();
        collectLeaves(schema, schema.getName(), leaves);
        return leaves;
    }

    private static void collectLeaves(Schema record, String prefix, List<Leaf> leaves) {
        for (Schema.Field field : record.getFields()) {
            String path = prefix + "." + field.name();
            Schema type = nonNull(field.schema());
            if (type.getType() == Schema.Type.RECORD) {
                collectLeaves(type, path, leaves);
            } else if (type.getType() == Schema.Type.ARRAY && type.getElementType().getType() == Schema.Type.RECORD) {
                collectLeaves(type.getElementType(), path + "[]", leaves);
            } else {
                leaves.add(new Leaf(path, record.getName() + "." + field.name()));
            }
        }
    }

    private static List<Schema> all() {
        List<Schema> all = new ArrayList<>(VALUES);
        all.addAll(KEYS);
        all.add(VolumeStatusBlock.getClassSchema());
        all.add(ReplicaStatusBlock.getClassSchema());
        return all;
    }

    private interface FieldCheck {
        void check(String path, Schema.Field field);
    }

    private interface NamedCheck {
        void check(Schema named);
    }

    private static void visit(Schema record, String prefix, FieldCheck fields, NamedCheck named) {
        named.check(record);
        for (Schema.Field field : record.getFields()) {
            String path = prefix + "." + field.name();
            fields.check(path, field);
            Schema type = nonNull(field.schema());
            if (type.getType() == Schema.Type.ARRAY) {
                type = type.getElementType();
            }
            if (type.getType() == Schema.Type.RECORD) {
                visit(type, path, fields, named);
            } else if (type.getType() == Schema.Type.ENUM) {
                named.check(type);
            }
        }
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst()
                .orElseThrow();
    }
}
