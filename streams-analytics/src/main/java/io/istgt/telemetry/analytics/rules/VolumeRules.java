package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules evaluated on each volume record: replica transitions (appeared, mode changed, disconnected),
 * volume status transitions, VOLUME_DEGRADED / VOLUME_OFFLINE / QUORUM_AT_RISK, REPLICA_DEGRADED /
 * REPLICA_DISCONNECTED, TARGET_UNREACHABLE, and spikes of the volume-level error counters. A pure function
 * of (state, record): the stream processor only loads and saves the state and forwards what comes out.
 */
public final class VolumeRules {

    public static final String UNREACHABLE = "Unreachable";

    /** A volume's status changed. */
    public record StatusChange(String iqn, String from, String to, Instant at, Duration timeInPrevious,
                               Integer healthy, Integer degraded) {
    }

    /** Everything one record produced. */
    public record Result(VolumeState next, List<ReplicaModes.Transition> replicaTransitions,
                         Optional<StatusChange> statusChange, List<AlertEvent> alerts, boolean stale) {
    }

    private final RuleSettings settings;

    public VolumeRules(RuleSettings settings) {
        this.settings = settings;
    }

    public Result apply(VolumeState state, VolumeObservation obs, long arrivalMillis) {
        if (state.newestAt() != null && !obs.at().isAfter(state.newestAt())) {
            // Out of order, replayed or from a collector whose clock lags: it says nothing newer than what
            // was evaluated, and evaluating it would read counters going down as resets.
            VolumeState touched = withArrival(state, arrivalMillis);
            return new Result(touched, List.of(), Optional.empty(), List.of(), true);
        }
        EpisodeBook book = new EpisodeBook(obs.iqn(), state.episodes(), settings);
        Map<String, String> labels = Map.of("target", String.valueOf(obs.target()));
        if (state.silent()) {
            book.resolveNow(AlertKind.TARGET_SILENT, null, obs.at(), labels);
        }

        String status = obs.reachable() ? obs.status() : UNREACHABLE;
        Optional<StatusChange> change = statusChange(state, obs, status);
        Instant statusSince = change.isPresent() || state.statusSince() == null ? obs.at() : state.statusSince();

        book.evaluate(AlertKind.TARGET_UNREACHABLE, null, !obs.reachable(), obs.at(),
                () -> "target " + obs.target() + " of " + obs.iqn() + " is unreachable: " + obs.failure(), null, null,
                () -> labels);
        if (!obs.reachable()) {
            // Nothing else is known while unreachable: keep the other episodes and counters as they were.
            VolumeState next = new VolumeState(obs.at(), status, statusSince, obs.target(), state.replicas(),
                    state.uptimeSeconds(), state.counters(), state.spikes(), book.episodes(), arrivalMillis, false,
                    state.source());
            return new Result(next, List.of(), change, book.events(), false);
        }

        int healthy = obs.count("Healthy");
        int degraded = obs.count("Degraded");
        book.evaluate(AlertKind.VOLUME_OFFLINE, null, "Offline".equals(obs.status()), obs.at(),
                () -> "volume " + obs.iqn() + " is Offline: " + counts(healthy, degraded), (double) healthy + degraded,
                null, () -> labels);
        book.evaluate(AlertKind.VOLUME_DEGRADED, null, "Degraded".equals(obs.status()), obs.at(),
                () -> "volume " + obs.iqn() + " is Degraded: " + counts(healthy, degraded), (double) healthy,
                (double) settings.consistencyFactor(), () -> labels);
        book.evaluate(AlertKind.QUORUM_AT_RISK, null, settings.quorumAtRisk(healthy, degraded), obs.at(),
                () -> "volume " + obs.iqn() + " is one replica away from Offline: " + counts(healthy, degraded),
                (double) healthy + degraded, null, () -> labels);

        ReplicaModes.Update replicas = state.replicas().observe(obs.replicaModes(), obs.at());
        for (ReplicaModes.Transition t : replicas.transitions()) {
            Map<String, String> replicaLabels = Map.of("target", String.valueOf(obs.target()), "replicaId", t.replicaId());
            if (t.kind() == ReplicaModes.Kind.DISCONNECTED) {
                book.resolveNow(AlertKind.REPLICA_DEGRADED, t.replicaId(), obs.at(), replicaLabels);
                book.evaluate(AlertKind.REPLICA_DISCONNECTED, t.replicaId(), true, obs.at(),
                        () -> "replica " + t.replicaId() + " of " + obs.iqn() + " disconnected after "
                                + seconds(t.timeInPrevious()) + " " + t.fromMode(), null, null, () -> replicaLabels);
            } else if (t.kind() == ReplicaModes.Kind.APPEARED) {
                book.resolveNow(AlertKind.REPLICA_DISCONNECTED, t.replicaId(), obs.at(), replicaLabels);
            }
        }
        obs.replicaModes().forEach((id, mode) -> book.evaluate(AlertKind.REPLICA_DEGRADED, id,
                "Degraded".equals(mode), obs.at(), () -> "replica " + id + " of " + obs.iqn() + " is Degraded (rebuilding)",
                null, null, () -> Map.of("target", String.valueOf(obs.target()), "replicaId", id)));

        boolean restarted = CounterDelta.restarted(state.uptimeSeconds(), obs.uptimeSeconds());
        Map<ErrorFamily, SpikeWindow> spikes = new EnumMap<>(ErrorFamily.class);
        spikes.putAll(state.spikes());
        Spikes.evaluate(book, obs.iqn(), null, state.counters(), obs.errorCounters(), restarted,
                Spikes.sameClock(state.source(), obs.source()), state.newestAt(), obs.at(), spikes, settings.spikes(),
                labels);

        VolumeState next = new VolumeState(obs.at(), status, statusSince, obs.target(), replicas.next(),
                obs.uptimeSeconds(), obs.errorCounters(), spikes, book.episodes(), arrivalMillis, false, obs.source());
        return new Result(next, replicas.transitions(), change, book.events(), false);
    }

    /**
     * The wall-clock silence check: a volume whose last record was processed longer than {@code silentAfter}
     * ago fires TARGET_SILENT once; its next record resolves it.
     */
    public Optional<Result> checkSilence(String iqn, VolumeState state, long nowMillis, Duration silentAfter) {
        if (state.silent() || state.lastArrivalMillis() == 0 || nowMillis - state.lastArrivalMillis() < silentAfter.toMillis()) {
            return Optional.empty();
        }
        EpisodeBook book = new EpisodeBook(iqn, state.episodes(), settings);
        Instant now = Instant.ofEpochMilli(nowMillis);
        long quietSeconds = (nowMillis - state.lastArrivalMillis()) / 1000;
        book.evaluate(AlertKind.TARGET_SILENT, null, true, now, () -> "no record from target " + state.target() + " of "
                        + iqn + " for " + quietSeconds + " s (its collector is down, or cannot reach Kafka)",
                (double) quietSeconds, (double) silentAfter.toSeconds(),
                () -> Map.of("target", String.valueOf(state.target())));
        VolumeState next = new VolumeState(state.newestAt(), state.status(), state.statusSince(), state.target(),
                state.replicas(), state.uptimeSeconds(), state.counters(), state.spikes(), book.episodes(),
                state.lastArrivalMillis(), true, state.source());
        return Optional.of(new Result(next, List.of(), Optional.empty(), book.events(), false));
    }

    private static Optional<StatusChange> statusChange(VolumeState state, VolumeObservation obs, String status) {
        if (status == null || status.equals(state.status())) {
            return Optional.empty();
        }
        Duration inPrevious = state.statusSince() == null ? null : Duration.between(state.statusSince(), obs.at());
        Integer healthy = obs.reachable() ? obs.count("Healthy") : null;
        Integer degraded = obs.reachable() ? obs.count("Degraded") : null;
        return Optional.of(new StatusChange(obs.iqn(), state.status(), status, obs.at(), inPrevious, healthy, degraded));
    }

    private static VolumeState withArrival(VolumeState s, long arrivalMillis) {
        return new VolumeState(s.newestAt(), s.status(), s.statusSince(), s.target(), s.replicas(), s.uptimeSeconds(),
                s.counters(), s.spikes(), s.episodes(), arrivalMillis, s.silent(), s.source());
    }

    private String counts(int healthy, int degraded) {
        return healthy + " healthy and " + degraded + " degraded replicas (RF " + settings.replicationFactor()
                + ", CF " + settings.consistencyFactor() + ")";
    }

    private static String seconds(Duration d) {
        return d == null ? "?" : d.toSeconds() + " s";
    }

}
