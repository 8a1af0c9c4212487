package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.AlertKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The alert episodes of one store entry (a volume, or a replica) during one evaluation: it runs each
 * condition through its {@link AlertEpisode} and collects the FIRING and RESOLVED events. Episodes are
 * named {@code KIND} or {@code KIND/replicaId}.
 */
final class EpisodeBook {

    private final String iqn;
    private final RuleSettings settings;
    /** The stored episodes until the first change, then a copy: most evaluations change nothing. */
    private Map<String, AlertEpisode> episodes;
    private boolean copied;
    private final List<AlertEvent> events = new ArrayList<>();

    EpisodeBook(String iqn, Map<String, AlertEpisode> episodes, RuleSettings settings) {
        this.iqn = iqn;
        this.settings = settings;
        this.episodes = episodes;
    }

    /**
     * Evaluates one condition. The summary and labels are suppliers because nearly every evaluation is of a
     * condition that does not hold and changes nothing: the summary is built only while the condition holds
     * (an open episode keeps the latest one for its RESOLVED event), the labels only for an event.
     */
    void evaluate(AlertKind kind, String replicaId, boolean active, Instant at, Supplier<String> summary,
                  Double value, Double threshold, Supplier<Map<String, String>> labels) {
        evaluate(kind, replicaId, active, at, at, summary, value, threshold, labels);
    }

    /**
     * As above, for a condition found to hold only some time after it began: an episode it starts is dated
     * {@code since} (see {@link AlertEpisode#evaluate(boolean, Instant, Instant, String, java.time.Duration)}).
     */
    void evaluate(AlertKind kind, String replicaId, boolean active, Instant at, Instant since,
                  Supplier<String> summary, Double value, Double threshold, Supplier<Map<String, String>> labels) {
        if (!active && episodes.isEmpty()) {
            return;
        }
        String name = name(kind, replicaId);
        AlertEpisode episode = episodes.getOrDefault(name, AlertEpisode.QUIET);
        if (!active && !episode.firing()) {
            return;
        }
        AlertEpisode.Step step = episode.evaluate(active, at, since, active ? summary.get() : null,
                settings.resolveAfter());
        record(name, kind, replicaId, step, at, value, threshold, labels);
    }

    /** Ends an episode at once: what it was about is gone (e.g. a replica came back). */
    void resolveNow(AlertKind kind, String replicaId, Instant at, Map<String, String> labels) {
        AlertEpisode episode = episodes.getOrDefault(name(kind, replicaId), AlertEpisode.QUIET);
        resolveNow(kind, replicaId, at, episode.lastDetail(), labels);
    }

    /** As above, with a summary that says why it ended. */
    void resolveNow(AlertKind kind, String replicaId, Instant at, String summary, Map<String, String> labels) {
        String name = name(kind, replicaId);
        AlertEpisode episode = episodes.getOrDefault(name, AlertEpisode.QUIET);
        if (!episode.firing()) {
            return;
        }
        AlertEpisode.Step step = episode.resolveNow(at, summary);
        record(name, kind, replicaId, step, at, null, null, () -> labels);
    }

    /** Ends every open episode at once, each with {@code summary} of its kind (what they were about is gone). */
    void resolveAllNow(Instant at, Function<AlertKind, String> summary, Map<String, String> labels) {
        for (Map.Entry<String, AlertEpisode> e : new TreeMap<>(episodes).entrySet()) {
            if (!e.getValue().firing()) {
                continue;
            }
            String name = e.getKey();
            int slash = name.indexOf('/');
            AlertKind kind = AlertKind.valueOf(slash < 0 ? name : name.substring(0, slash));
            String replicaId = slash < 0 ? null : name.substring(slash + 1);
            resolveNow(kind, replicaId, at, summary.apply(kind), labels);
        }
    }

    /** The open episodes of a per-replica {@code kind}, by replica id. */
    Map<String, AlertEpisode> firingReplicas(AlertKind kind) {
        String prefix = kind.name() + "/";
        Map<String, AlertEpisode> firing = new HashMap<>();
        episodes.forEach((name, episode) -> {
            if (episode.firing() && name.startsWith(prefix)) {
                firing.put(name.substring(prefix.length()), episode);
            }
        });
        return firing;
    }

    boolean firing(AlertKind kind, String replicaId) {
        AlertEpisode e = episodes.get(name(kind, replicaId));
        return e != null && e.firing();
    }

    /** The episodes to store: quiet ones are dropped so the store holds only what matters. */
    Map<String, AlertEpisode> episodes() {
        if (!copied && allFiring(episodes)) {
            return episodes;
        }
        Map<String, AlertEpisode> open = new HashMap<>();
        episodes.forEach((k, v) -> {
            if (v.firing()) {
                open.put(k, v);
            }
        });
        return open;
    }

    List<AlertEvent> events() {
        return List.copyOf(events);
    }

    private void record(String name, AlertKind kind, String replicaId, AlertEpisode.Step step, Instant at,
                        Double value, Double threshold, Supplier<Map<String, String>> labels) {
        if (!copied) {
            episodes = new HashMap<>(episodes);
            copied = true;
        }
        episodes.put(name, step.next());
        step.change().ifPresent(c -> events.add(new AlertEvent(new AlertEvent.Key(iqn, replicaId, kind), c,
                settings.severity().apply(kind), at, value, threshold, labels.get())));
    }

    private static boolean allFiring(Map<String, AlertEpisode> episodes) {
        for (AlertEpisode e : episodes.values()) {
            if (!e.firing()) {
                return false;
            }
        }
        return true;
    }

    private static String name(AlertKind kind, String replicaId) {
        return replicaId == null ? kind.name() : kind.name() + "/" + replicaId;
    }
}
