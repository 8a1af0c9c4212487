package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.AlertState;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An analytics {@link Alert} as the {@link AlertmanagerAlert} an SRE routes, silences and inhibits on.
 *
 * <pre>{@code
 * AlertMapping mapping = new AlertMapping(Map.of("cluster", "eu-1"), new UrlTemplate("https://wiki/{alertname}"),
 *         new UrlTemplate(""), Duration.ofMinutes(4));
 * mapping.map(alert, now);   // FIRING: endsAt = now + 4 min; RESOLVED: endsAt = the alert's endedAt
 * }</pre>
 *
 * <p>The labels come from what names the episode (its key: IQN, replica, kind) and its severity, never from its
 * numbers, so every message of one episode has the same fingerprint in Alertmanager; numbers and context go into
 * the annotations.
 */
final class AlertMapping {

    /** Labels this mapping sets: a static label may not take their names. */
    static final Set<String> OWN_LABELS = Set.of("alertname", "severity", "iqn", "volume", "replica_id");
    /** How far before an episode's start the replay command of its description begins. */
    static final Duration REPLAY_LEAD = Duration.ofMinutes(15);
    /** Prometheus' rule for label names, which Alertmanager enforces (HTTP 400 otherwise). */
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, String> staticLabels;
    private final UrlTemplate runbookUrl;
    private final UrlTemplate generatorUrl;
    private final Duration validity;

    /**
     * @param staticLabels  added to every alert (cluster, environment)
     * @param runbookUrl    the {@code runbook_url} annotation; empty template for none
     * @param generatorUrl  the {@code generatorURL}; empty template for none
     * @param validity      how far ahead a firing alert's {@code endsAt} is put: Alertmanager ends it then unless sent
     *                      again
     */
    AlertMapping(Map<String, String> staticLabels, UrlTemplate runbookUrl, UrlTemplate generatorUrl, Duration validity) {
        staticLabels.forEach((name, value) -> {
            if (!LABEL_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("static label '" + name + "': a label name is letters, digits"
                        + " and _, not starting with a digit");
            }
            if (OWN_LABELS.contains(name)) {
                throw new IllegalArgumentException("static label '" + name + "': the forwarder sets that label itself"
                        + " (" + sorted(OWN_LABELS) + ")");
            }
        });
        this.staticLabels = Map.copyOf(staticLabels);
        this.runbookUrl = Objects.requireNonNull(runbookUrl, "runbookUrl");
        this.generatorUrl = Objects.requireNonNull(generatorUrl, "generatorUrl");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
        this.validity = validity;
    }

    /** The alert as Alertmanager takes it, {@code now} being when it is sent. */
    AlertmanagerAlert map(Alert alert, Instant now) {
        Map<String, String> labels = labels(alert);
        Instant startsAt = alert.getStartedAt();
        Instant endsAt = alert.getState() == AlertState.FIRING ? now.plus(validity) : resolvedAt(alert);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", alert.getSummary());
        annotations.put("description", description(alert, labels));
        if (!runbookUrl.isEmpty()) {
            annotations.put("runbook_url", runbookUrl.fill(placeholders(alert, labels)));
        }
        Optional<String> generator = generatorUrl.isEmpty() ? Optional.empty()
                : Optional.of(generatorUrl.fill(placeholders(alert, labels)));
        return new AlertmanagerAlert(labels, annotations, startsAt, endsAt, generator);
    }

    /** When a RESOLVED alert ended: its endedAt, or the change's time if an older writer left it out. */
    private static Instant resolvedAt(Alert alert) {
        return alert.getEndedAt() != null ? alert.getEndedAt() : alert.getEventAt();
    }

    Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new TreeMap<>(staticLabels);
        labels.put("alertname", alertName(alert.getKind()));
        labels.put("severity", alert.getSeverity().name().toLowerCase(Locale.ROOT));
        labels.put("iqn", alert.getIqn());
        labels.put("volume", volume(alert.getIqn()));
        if (alert.getReplicaId() != null && !alert.getReplicaId().isEmpty()) {
            labels.put("replica_id", alert.getReplicaId());
        }
        return labels;
    }

    /** {@code VOLUME_OFFLINE} as {@code IstgtVolumeOffline}: the CamelCase alert names Alertmanager users know. */
    static String alertName(AlertKind kind) {
        StringBuilder name = new StringBuilder("Istgt");
        for (String word : kind.name().split("_")) {
            if (!word.isEmpty()) {
                name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return name.toString();
    }

    /** The IQN's name part (in cStor the PV's name): what follows its first ':', or the whole IQN without one. */
    static String volume(String iqn) {
        int colon = iqn.indexOf(':');
        return colon < 0 || colon == iqn.length() - 1 ? iqn : iqn.substring(colon + 1);
    }

    private static String description(Alert alert, Map<String, String> labels) {
        StringBuilder text = new StringBuilder(alert.getKind().name()).append(" on ").append(alert.getIqn());
        if (labels.containsKey("replica_id")) {
            text.append(" replica ").append(labels.get("replica_id"));
        }
        if (alert.getValue() != null) {
            text.append(": value ").append(number(alert.getValue()));
            if (alert.getThreshold() != null) {
                text.append(" (threshold ").append(number(alert.getThreshold())).append(')');
            }
        } else if (alert.getThreshold() != null) {
            text.append(": threshold ").append(number(alert.getThreshold()));
        }
        text.append('.');
        if (!alert.getLabels().isEmpty()) {
            text.append(" Context: ").append(new TreeMap<>(alert.getLabels()).entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))).append('.');
        }
        Instant from = alert.getStartedAt().minus(REPLAY_LEAD).truncatedTo(ChronoUnit.SECONDS);
        String to = alert.getState() == AlertState.RESOLVED
                ? resolvedAt(alert).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).toString() : "now";
        text.append(" History: bin/istgt-replay --iqn ").append(alert.getIqn()).append(" --from ").append(from)
                .append(" --to ").append(to);
        return text.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static Map<String, String> placeholders(Alert alert, Map<String, String> labels) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("alertname", labels.get("alertname"));
        values.put("severity", labels.get("severity"));
        values.put("iqn", labels.get("iqn"));
        values.put("volume", labels.get("volume"));
        values.put("replica_id", labels.getOrDefault("replica_id", ""));
        values.put("kind", alert.getKind().name());
        return values;
    }

    private static String sorted(Set<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }
}
