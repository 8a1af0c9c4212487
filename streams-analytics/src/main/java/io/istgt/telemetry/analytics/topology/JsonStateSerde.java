package io.istgt.telemetry.analytics.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The JSON form of the rules' state records that versions before the binary format wrote to the state stores
 * and their changelogs. Only read ({@link BinaryStateSerde} falls back to it for a value starting with
 * {@code '{'}), so an analytics upgraded over an old changelog resumes every open episode; nothing writes it.
 */
final class JsonStateSerde {

    /**
     * Case-insensitive enums: the JSON holds a volume's status as istgt spells it ({@code "Degraded"}), the
     * status a {@code VolumeCondition} ({@code DEGRADED}) now.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    private JsonStateSerde() {
    }

    static <T> Deserializer<T> deserializer(Class<T> type) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " state from " + topic, e);
            }
        };
    }
}
