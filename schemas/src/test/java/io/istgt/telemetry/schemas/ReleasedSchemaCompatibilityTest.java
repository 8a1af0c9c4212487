package io.istgt.telemetry.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guards consumers: every schema stays FULL-compatible with its released copy under src/test/resources/released. */
class ReleasedSchemaCompatibilityTest {

    static List<Schema> currentSchemas() {
        return List.of(VolumeKey.getClassSchema(), ReplicaKey.getClassSchema(),
                VolumeStatus.getClassSchema(), ReplicaStatus.getClassSchema(),
                VolumeStatusBlock.getClassSchema(), ReplicaStatusBlock.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("currentSchemas")
    void shouldReadReleasedDataAndBeReadableByReleasedReaders(Schema current) throws IOException {
        Schema released = released(current.getName());

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, released).getResult().getIncompatibilities())
                .as("the current %s cannot read data written with the released one", current.getName()).isEmpty();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(released, current).getType())
                .as("a reader of the released %s cannot read data written with the current one", current.getName())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Schema released(String name) throws IOException {
        try (InputStream in = ReleasedSchemaCompatibilityTest.class.getResourceAsStream("/released/" + name + ".avsc")) {
            assertThat(in).as("no released copy of %s", name).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}
