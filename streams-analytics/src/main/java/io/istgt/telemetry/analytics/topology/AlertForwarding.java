package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.AlertEpisode;
import io.istgt.telemetry.analytics.rules.AlertEvent;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Sends an alert change to the history topic, and to the compacted topic of what fires now. */
final class AlertForwarding {

    private AlertForwarding() {
    }

    static void forward(ProcessorContext<Object, Object> context, AlertEvent event) {
        AlertKey key = OutputRecords.alertKey(event);
        Alert alert = OutputRecords.alert(event);
        long timestamp = event.eventAt().toEpochMilli();
        context.forward(new Record<>(key, alert, timestamp), AlertTopology.ALERTS_SINK);
        // Compacted: the FIRING record while the episode is open, a tombstone once it resolves.
        Alert active = event.change().state() == AlertEpisode.State.FIRING ? alert : null;
        context.forward(new Record<Object, Object>(key, active, timestamp), AlertTopology.ACTIVE_ALERTS_SINK);
    }
}
