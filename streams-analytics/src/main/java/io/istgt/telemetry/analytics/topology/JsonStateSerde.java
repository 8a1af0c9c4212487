package io.istgt.telemetry.analytics.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
