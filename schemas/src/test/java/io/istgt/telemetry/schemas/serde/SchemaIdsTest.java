package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class SchemaIdsTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(Compatibility.NONE);

    @Test
    void shouldRegisterUnderTheTopicsSubjectWithItsCompatibilityFirstAndAskOnce() {
        AtomicInteger registrations = new AtomicInteger();
        SchemaRegistryClient counting = new ForwardingClient(registry) {
            @Override
            public int register(String subject, Schema schema) {
                registrations.incrementAndGet();
                return super.register(subject, schema);
            }
        };
        SchemaIds ids = new SchemaIds(counting, Map.of());

        int value = ids.idOf("istgt.volume.status", false, VolumeStatus.getClassSchema());
        int again = ids.idOf("istgt.volume.status", false, VolumeStatus.getClassSchema());
        int key = ids.idOf("istgt.volume.status", true, VolumeKey.getClassSchema());

        assertThat(again).isEqualTo(value);
        assertThat(registrations).as("one registration per subject and schema").hasValue(2);
        assertThat(registry.versions("istgt.volume.status-value")).containsExactly(VolumeStatus.getClassSchema());
        assertThat(registry.schemaById(key)).isEqualTo(VolumeKey.getClassSchema());
        assertThat(registry.compatibility("istgt.volume.status-value")).as("the serializer's default")
                .isEqualTo(Compatibility.BACKWARD);
    }

    @Test
    void shouldOnlyLookUpWhenAutoRegistrationIsOff() {
        int registered = registry.register("t-value", VolumeStatus.getClassSchema());
        SchemaIds ids = new SchemaIds(registry, Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false));

        assertThat(ids.idOf("t", false, VolumeStatus.getClassSchema())).isEqualTo(registered);
        assertThatThrownBy(() -> ids.idOf("t", true, VolumeKey.getClassSchema()))
                .isInstanceOf(SchemaNotFoundException.class);
        assertThat(registry.versions("t-key")).isEmpty();
    }

    /** A client passing every call on, so a test can watch one. */
    private static class ForwardingClient implements SchemaRegistryClient {
        private final SchemaRegistryClient delegate;

        ForwardingClient(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            return delegate.register(subject, schema);
        }

        @Override
        public int idOf(String subject, Schema schema) {
            return delegate.idOf(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            return delegate.schemaById(id);
        }

        @Override
        public void setCompatibility(String subject, Compatibility compatibility) {
            delegate.setCompatibility(subject, compatibility);
        }

        @Override
        public Compatibility compatibility(String subject) {
            return delegate.compatibility(subject);
        }
    }
}
