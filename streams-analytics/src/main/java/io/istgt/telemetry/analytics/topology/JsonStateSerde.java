package io.istgt.telemetry.analytics.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.istgt.telemetry.analytics.rules.AlertEpisode;
import io.istgt.telemetry.analytics.rules.ErrorCounters;
import io.istgt.telemetry.analytics.rules.ErrorFamily;
import io.istgt.telemetry.analytics.rules.ReplicaModes;
import io.istgt.telemetry.analytics.rules.ReplicaState;
import io.istgt.telemetry.analytics.rules.SpikeWindow;
import io.istgt.telemetry.analytics.rules.VolumeCondition;
import io.istgt.telemetry.analytics.rules.VolumeState;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The JSON form of the rules' state records that versions before the binary format wrote to the state stores
 * and their changelogs. Only read ({@link BinaryStateSerde} falls back to it for a value starting with
 * {@code '{'}), so an analytics upgraded over an old changelog resumes every open episode; nothing writes it.
 * That JSON is flat, one field per component of the state records as they were then, so it is read by field
 * name into records of that shape ({@link JsonVolume}, {@link JsonReplica}) and mapped to today's.
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

    /** A volume's state as the JSON holds it; the run of failed polls and the last answered time came later. */
    record JsonVolume(Instant newestAt, VolumeCondition status, Instant statusSince, String target,
                      ReplicaModes replicas, Long uptimeSeconds, Map<ErrorFamily, Long> counters,
                      Map<ErrorFamily, SpikeWindow> spikes, Map<String, AlertEpisode> episodes,
                      long lastArrivalMillis, boolean silent, String source) {

        VolumeState state() {
            return new VolumeState(new VolumeState.Seen(newestAt, null, status, statusSince, target, replicas),
                    new ErrorCounters(uptimeSeconds, counters, spikes, source),
                    new VolumeState.Alerting(episodes, silent, lastArrivalMillis), null);
        }
    }

    /** A replica's state as the JSON holds it. */
    record JsonReplica(Instant newestAt, Long uptimeSeconds, Map<ErrorFamily, Long> counters,
                       Map<ErrorFamily, SpikeWindow> spikes, Map<String, AlertEpisode> episodes,
                       Instant inflightSince, Long seq, Instant seqSince, Long completedIo,
                       Instant completedIoSince, String source) {

        ReplicaState state() {
            return new ReplicaState(newestAt, new ErrorCounters(uptimeSeconds, counters, spikes, source), episodes,
                    new ReplicaState.IoWatch(inflightSince, new ReplicaState.Unmoved(seq, seqSince),
                            new ReplicaState.Unmoved(completedIo, completedIoSince)));
        }
    }

    private JsonStateSerde() {
    }

    /** A volume's state as written, before {@link BinaryStateSerde#upgradeVolume} says what it means now. */
    static Deserializer<VolumeState> volume() {
        return deserializer(VolumeState.class, JsonVolume.class, JsonVolume::state);
    }

    static Deserializer<ReplicaState> replica() {
        return deserializer(ReplicaState.class, JsonReplica.class, JsonReplica::state);
    }

    private static <J, T> Deserializer<T> deserializer(Class<T> type, Class<J> json, Function<J, T> toState) {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return toState.apply(MAPPER.readValue(bytes, json));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " state from " + topic, e);
            }
        };
    }
}
