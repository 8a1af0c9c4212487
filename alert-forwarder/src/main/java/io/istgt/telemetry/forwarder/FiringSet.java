package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.AlertState;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What fires now, one episode per alert key: what the periodic re-send sends again.
 *
 * <p>Two topics feed it, read at their own pace: {@code istgt.alerts.active} (from its beginning, the FIRING
 * record of each episode while it lasts and a tombstone after) and {@code istgt.alerts} (each change). Either may
 * be behind the other, so an episode is known by its start: a record of an episode already known to be resolved
 * does not bring it back (re-sending it would fire it again in Alertmanager), and a tombstone resolves the
 * episode the active topic last showed for its key, not one that a change has started since.
 *
 * <p>Written by the Kafka thread only; read (snapshot, size) by the senders and the metrics from theirs.
 */
final class FiringSet {

    private final Map<AlertKey, Alert> firing = new ConcurrentHashMap<>();
    /** The start of the latest episode of each key known to have resolved. */
    private final Map<AlertKey, Instant> resolvedStart = new HashMap<>();
    /** The start of the episode the active topic last showed FIRING for each key. */
    private final Map<AlertKey, Instant> activeStart = new HashMap<>();

    /** A record of {@code istgt.alerts.active}; {@code value} null is a tombstone. */
    void fromActive(AlertKey key, Alert value) {
        if (value == null) {
            Instant shown = activeStart.remove(key);
            // A tombstone of an episode this reader never saw fire: istgt.alerts says how that episode ended.
            if (shown != null) {
                resolve(key, shown);
            }
            return;
        }
        if (value.getState() == AlertState.FIRING) {
            activeStart.put(key, value.getStartedAt());
            fire(key, value);
        } else {
            resolve(key, value.getStartedAt());
        }
    }

    /** A record of {@code istgt.alerts}. */
    void fromChange(AlertKey key, Alert change) {
        if (change.getState() == AlertState.FIRING) {
            fire(key, change);
        } else {
            resolve(key, change.getStartedAt());
        }
    }

    private void fire(AlertKey key, Alert alert) {
        Instant resolved = resolvedStart.get(key);
        if (resolved != null && !alert.getStartedAt().isAfter(resolved)) {
            return;
        }
        firing.merge(key, alert, (known, next) -> next.getStartedAt().isBefore(known.getStartedAt()) ? known : next);
    }

    private void resolve(AlertKey key, Instant episodeStart) {
        resolvedStart.merge(key, episodeStart, (a, b) -> a.isAfter(b) ? a : b);
        firing.computeIfPresent(key, (k, known) -> known.getStartedAt().isAfter(episodeStart) ? known : null);
    }

    /** What fires now, in no particular order. */
    List<Alert> snapshot() {
        return List.copyOf(firing.values());
    }

    int size() {
        return firing.size();
    }
}
