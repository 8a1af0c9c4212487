package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.schemas.KafkaSettings;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka producer's settings: the collector's defaults, then what the user's {@code producer-config} file
 * sets (it wins), then the safety settings, which nothing overrides: an idempotent producer with
 * {@code acks=all}, so that the producer's own retries neither lose nor duplicate a record. The collector
 * sets the serializers itself.
 */
public final class ProducerSettings {

    /**
     * Overridable defaults: zstd batches of up to 256 KiB ({@link #batchSize}), lingering 20 ms (the spool is
     * delivered batch by batch, each waiting for its acknowledgements); two minutes to deliver, longer than the
     * drainer waits for a batch (it then closes the producer, so nothing the producer still holds arrives out of
     * order later).
     */
    static final Map<String, String> DEFAULTS = Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
            ProducerConfig.LINGER_MS_CONFIG, "20",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchSize(Runtime.getRuntime().maxMemory())),
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(2 * 60 * 1000),
            ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");

    /** Never overridden. */
    public static final Map<String, String> SAFETY = Map.of(
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.ACKS_CONFIG, "all");

    private ProducerSettings() {
    }

    /**
     * A partition's batch buffer: 256 KiB, or a 256th of the heap if less (16 KiB at least). Draining a backlog
     * fills one buffer for every partition at once (12 with the default topics), which the sidecar's 16 MiB heap
     * could not hold next to its 11 MiB of live data: it ran out of memory delivering a 9-minute outage's backlog.
     */
    static int batchSize(long maxHeapBytes) {
        return (int) Math.clamp(maxHeapBytes / 256, 16L << 10, 256L << 10);
    }

    /**
     * @param user             the producer-config file's properties
     * @param bootstrapServers wins over the file's bootstrap.servers
     * @throws IllegalArgumentException when the file sets a safety setting to another value, or a serializer
     */
    public static Map<String, Object> producer(Map<String, String> user, String bootstrapServers, String clientId) {
        for (String key : SAFETY.keySet()) {
            String value = user.get(key);
            if (value != null && !sameSafetyValue(key, value)) {
                throw new IllegalArgumentException("producer-config sets " + key + "=" + value + ", but the collector"
                        + " needs " + key + "=" + SAFETY.get(key) + " (no record lost or duplicated by retries):"
                        + " remove it from the file");
            }
        }
        for (String key : new String[] {ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG}) {
            if (user.containsKey(key)) {
                throw new IllegalArgumentException("producer-config sets " + key + ", but the collector writes Avro"
                        + " with its own serializer: remove it from the file");
            }
        }
        Map<String, Object> props = new LinkedHashMap<>(DEFAULTS);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.putAll(user);
        props.putAll(SAFETY);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** The schema registry client's settings: the file's (basic auth, TLS, timeouts) and the registry URL. */
    public static Map<String, Object> serializer(Map<String, String> user, String registryUrl) {
        Map<String, Object> props = new LinkedHashMap<>(user);
        props.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        return props;
    }

    /**
     * The admin client's settings: those of the producer's that an admin client knows (address, security), and the
     * config providers, so that {@code ${file:...}} in them resolves in every client alike.
     */
    public static Map<String, Object> admin(Map<String, Object> producer) {
        Map<String, Object> props = KafkaSettings.forClient(producer, AdminClientConfig.configNames());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, producer.get(ProducerConfig.CLIENT_ID_CONFIG) + "-admin");
        return props;
    }

    private static boolean sameSafetyValue(String key, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return key.equals(ProducerConfig.ACKS_CONFIG) ? v.equals("all") || v.equals("-1") : v.equals("true");
    }
}
