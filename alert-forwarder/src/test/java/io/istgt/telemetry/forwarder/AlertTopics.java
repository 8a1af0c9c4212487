package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.AlertState;
import io.istgt.telemetry.schemas.IstgtTopic;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.AvroSerializer;
import io.istgt.telemetry.testsupport.AcceptedSends;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes alerts as the analytics do: each change to {@code istgt.alerts}, and to {@code istgt.alerts.active} the
 * FIRING record or, once resolved, a tombstone. Each write waits for the broker's acknowledgement.
 */
final class AlertTopics implements AutoCloseable {

    static final String CHANGES = IstgtTopic.ALERTS.defaultName();
    static final String ACTIVE = IstgtTopic.ACTIVE_ALERTS.defaultName();

    private final KafkaProducer<AlertKey, Alert> producer;

    AlertTopics(String bootstrapServers, String registryUrl) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), registryUrl);
    }

    /** @param clientSettings the producer's settings: bootstrap servers, and security for a secured broker */
    AlertTopics(Map<String, ?> clientSettings, String registryUrl) {
        Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
        AvroSerializer<AlertKey> keys = new AvroSerializer<>();
        keys.configure(serde, true);
        AvroSerializer<Alert> values = new AvroSerializer<>();
        values.configure(serde, false);
        Map<String, Object> settings = new java.util.HashMap<>(clientSettings);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(settings, keys, values);
    }

    /** Writes the changes (and their active records) and waits until the broker accepted all of them. */
    void write(List<Alert> changes) {
        AcceptedSends sends = new AcceptedSends("the alert changes");
        for (Alert change : changes) {
            AlertKey key = new AlertKey(change.getIqn(), change.getReplicaId(), change.getKind());
            sends.send(producer, new ProducerRecord<>(CHANGES, key, change));
            sends.send(producer, new ProducerRecord<>(ACTIVE, key,
                    change.getState() == AlertState.FIRING ? change : null));
        }
        sends.awaitAccepted();
    }

    void write(Alert... changes) {
        write(List.of(changes));
    }

    @Override
    public void close() {
        producer.close();
    }
}
