package io.istgt.telemetry.forwarder;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One alert as Alertmanager's API v2 takes it ({@code POST /api/v2/alerts}, an element of the array). Alertmanager
 * tells alerts apart by their labels alone (the fingerprint), so the labels of one episode must be the same when it
 * fires, each time it is re-sent and when it resolves; the annotations and times may change.
 *
 * @param labels       what the alert is (sorted, so a message or a test reads them in one order)
 * @param annotations  what a person reads about it
 * @param startsAt     when it started firing
 * @param endsAt       when it ends: in the future while it fires (Alertmanager ends it then unless re-sent), the
 *                     time it resolved once it has
 * @param generatorUrl where its history is; empty for none
 */
public record AlertmanagerAlert(Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
                                Instant endsAt, Optional<String> generatorUrl) {

    public AlertmanagerAlert {
        labels = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
        annotations = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(annotations, "annotations")));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(generatorUrl, "generatorUrl");
        if (!labels.containsKey("alertname")) {
            throw new IllegalArgumentException("an Alertmanager alert needs an alertname label: " + labels);
        }
    }

    /** The JSON object the API takes, as maps and strings for Jackson (times in RFC 3339, as Go parses them). */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("labels", labels);
        json.put("annotations", annotations);
        json.put("startsAt", startsAt.toString());
        json.put("endsAt", endsAt.toString());
        generatorUrl.ifPresent(url -> json.put("generatorURL", url));
        return json;
    }

    /** Labels only: what a log line names an alert by. */
    @Override
    public String toString() {
        return "alert" + labels + " " + startsAt + ".." + endsAt;
    }
}
