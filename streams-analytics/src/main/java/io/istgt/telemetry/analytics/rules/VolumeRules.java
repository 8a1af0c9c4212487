package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.ReplicaMode;
import io.istgt.telemetry.schemas.VolumeHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rules evaluated on each volume record: replica transitions (appeared, mode changed, disconnected),
 * volume status transitions, VOLUME_DEGRADED / VOLUME_OFFLINE / QUORUM_AT_RISK, REPLICA_DEGRADED /
 * REPLICA_DISCONNECTED, TARGET_UNREACHABLE, and spikes of the volume-level error counters. A pure function
 * of (state, record): the stream processor only loads and saves the state and forwards what comes out.
 */
public final class VolumeRules {

    /** A volume's status changed; {@code from} is null for its first record. */
    public record StatusChange(String iqn, VolumeCondition from, VolumeCondition to, Instant at,
                               Duration timeInPrevious, Integer healthy, Integer degraded) {
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
        if (state.seen().newestAt() != null && !obs.at().isAfter(state.seen().newestAt())) {
            // Out of order, replayed or from a collector whose clock lags: it says nothing newer than what
            // was evaluated, and evaluating it would read counters going down as resets.
            return new Result(state.withArrival(arrivalMillis), List.of(), Optional.empty(), List.of(), true);
        }
        EpisodeBook book = new EpisodeBook(obs.iqn(), state.alerting().episodes(), settings);
        Map<String, String> labels = Map.of("target", String.valueOf(obs.origin().target()));
        if (state.alerting().silent()) {
            book.resolveNow(AlertKind.TARGET_SILENT, null, obs.at(), labels);
        }
        return switch (obs.poll()) {
            case VolumeObservation.Unreachable poll -> failed(state, obs.origin(), poll, book, labels, arrivalMillis);
            case VolumeObservation.Answered poll -> answered(state, obs.origin(), poll, book, labels, arrivalMillis);
        };
    }

    /**
     * A failed poll. The target counts as unreachable only once its polls have failed {@code failedPolls} times in
     * a row over at least {@code after} ({@link RuleSettings.Unreachable}); the Unreachable status and the
     * TARGET_UNREACHABLE episode are then dated from the first failed poll of the run, when the outage began as
     * far as the records tell. Until then the run is remembered and nothing else changes.
     */
    private Result failed(VolumeState state, RecordOrigin origin, VolumeObservation.Unreachable poll,
                          EpisodeBook book, Map<String, String> labels, long arrivalMillis) {
        Instant at = origin.at();
        VolumeState.FailedPolls run = state.failedPolls() == null ? new VolumeState.FailedPolls(1, at)
                : state.failedPolls().next();
        // Once unreachable, a volume stays so until a poll answers.
        boolean unreachable = state.seen().status() == VolumeCondition.UNREACHABLE
                || settings.unreachable().reached(run.count(), run.since(), at);
        if (!unreachable) {
            // One slow poll or a few (istgt answers late while a replica connects) is no outage: every rule's
            // state stays as it was, the open episodes included.
            VolumeState next = state.withFailedPoll(at, origin.target(), run)
                    .withAlerting(VolumeState.Alerting.heard(book.episodes(), arrivalMillis));
            return new Result(next, List.of(), Optional.empty(), book.events(), false);
        }
        Optional<StatusChange> change = statusChange(state, origin.iqn(), run.since(), VolumeCondition.UNREACHABLE,
                null, null);
        book.evaluate(AlertKind.TARGET_UNREACHABLE, null, true, at, run.since(),
                () -> "target " + origin.target() + " of " + origin.iqn() + " is unreachable: " + run.count()
                        + " failed polls in a row since " + run.since() + " ("
                        + Duration.between(run.since(), at).toSeconds() + " s), the latest " + poll.failure(),
                (double) run.count(), (double) settings.unreachable().failedPolls(), () -> labels);
        // Nothing else is known while unreachable: keep the other episodes and counters as they were.
        Instant statusSince = state.seen().statusSince();
        Instant since = change.isPresent() || statusSince == null ? run.since() : statusSince;
        VolumeState next = state.withFailedPoll(at, origin.target(), run)
                .withStatus(VolumeCondition.UNREACHABLE, since)
                .withAlerting(VolumeState.Alerting.heard(book.episodes(), arrivalMillis));
        return new Result(next, List.of(), change, book.events(), false);
    }

    private Result answered(VolumeState state, RecordOrigin origin, VolumeObservation.Answered poll, EpisodeBook book,
                            Map<String, String> labels, long arrivalMillis) {
        String iqn = origin.iqn();
        Instant at = origin.at();
        int healthy = poll.count(ReplicaMode.Healthy);
        int degraded = poll.count(ReplicaMode.Degraded);
        Quorum quorum = settings.quorum(poll.reported());
        VolumeCondition status = poll.status() == null ? null : VolumeCondition.of(poll.status());
        Optional<StatusChange> change = statusChange(state, iqn, at, status, healthy, degraded);

        // Reachable: an open TARGET_UNREACHABLE episode resolves once that has lasted the hysteresis (a condition
        // that does not hold has no summary to give).
        book.evaluate(AlertKind.TARGET_UNREACHABLE, null, false, at, () -> null, null, null, () -> labels);
        book.evaluate(AlertKind.VOLUME_OFFLINE, null, poll.status() == VolumeHealth.Offline, at,
                () -> "volume " + iqn + " is Offline: " + counts(healthy, degraded, quorum), (double) healthy + degraded,
                null, () -> labels);
        book.evaluate(AlertKind.VOLUME_DEGRADED, null, poll.status() == VolumeHealth.Degraded, at,
                () -> "volume " + iqn + " is Degraded: " + counts(healthy, degraded, quorum), (double) healthy,
                (double) quorum.consistencyFactor(), () -> labels);
        book.evaluate(AlertKind.QUORUM_AT_RISK, null, quorum.atRisk(healthy, degraded), at,
                () -> "volume " + iqn + " is one replica away from Offline: " + counts(healthy, degraded, quorum),
                (double) healthy + degraded, null, () -> labels);

        ReplicaModes.Update replicas = state.seen().replicas().observe(poll.replicaModes(), at);
        int desired = quorum.desiredReplicas();
        int connected = poll.replicaModes().size();
        // A volume with its desired number of connected replicas is short of none: a replica it lost is not
        // coming back (it was replaced, or removed), or is one too many.
        boolean full = connected >= desired;
        for (ReplicaModes.Transition t : replicas.transitions()) {
            Map<String, String> replicaLabels = replicaLabels(origin, t.replicaId(), null);
            switch (t.kind()) {
                case DISCONNECTED -> {
                    book.resolveNow(AlertKind.REPLICA_DEGRADED, t.replicaId(), at, replicaLabels);
                    book.evaluate(AlertKind.REPLICA_DISCONNECTED, t.replicaId(), !full, at,
                            () -> "replica " + t.replicaId() + " of " + iqn + " disconnected after "
                                    + seconds(t.timeInPrevious()) + " " + t.fromMode() + ": " + connected + " of "
                                    + desired + " replicas connected", (double) connected, (double) desired,
                            () -> replicaLabels);
                }
                case APPEARED -> book.resolveNow(AlertKind.REPLICA_DISCONNECTED, t.replicaId(), at,
                        replicaLabels(origin, t.replicaId(), "reconnected"));
                case MODE_CHANGED -> {
                    // REPLICA_DEGRADED follows the mode below, for every replica present
                }
            }
        }
        List<ReplicaModes.Transition> transitions = new ArrayList<>(replicas.transitions());
        transitions.addAll(endReplacedAndGone(book, origin, poll, connected, desired));
        poll.replicaModes().forEach((id, mode) -> book.evaluate(AlertKind.REPLICA_DEGRADED, id,
                mode == ReplicaMode.Degraded, at, () -> "replica " + id + " of " + iqn + " is Degraded (rebuilding)",
                null, null, () -> Map.of("target", String.valueOf(origin.target()), "replicaId", id)));

        ErrorCounters errors = state.errors();
        boolean restarted = CounterDelta.restarted(errors.uptimeSeconds(), poll.uptimeSeconds());
        Map<ErrorFamily, SpikeWindow> spikes = new EnumMap<>(ErrorFamily.class);
        spikes.putAll(errors.spikes());
        Spikes.evaluate(book, iqn, null, errors.values(), poll.errorCounters(), restarted,
                Spikes.sameClock(errors.source(), origin.source()), state.countersAt(), at, spikes, settings.spikes(),
                labels);

        // An answered poll tells everything anew and ends a run of failed ones.
        VolumeState next = new VolumeState(
                new VolumeState.Seen(at, at, status, statusSince(state, change, origin), origin.target(),
                        replicas.next()),
                new ErrorCounters(poll.uptimeSeconds(), poll.errorCounters(), spikes, origin.source()),
                VolumeState.Alerting.heard(book.episodes(), arrivalMillis), null);
        return new Result(next, transitions, change, book.events(), false);
    }

    /**
     * The wall-clock silence check: a volume whose last record was processed longer than {@code silentAfter}
     * ago fires TARGET_SILENT once; its next record resolves it.
     */
    public Optional<Result> checkSilence(String iqn, VolumeState state, long nowMillis, Duration silentAfter) {
        VolumeState.Alerting alerting = state.alerting();
        if (alerting.silent() || alerting.lastArrivalMillis() == 0
                || nowMillis - alerting.lastArrivalMillis() < silentAfter.toMillis()) {
            return Optional.empty();
        }
        EpisodeBook book = new EpisodeBook(iqn, alerting.episodes(), settings);
        Instant now = Instant.ofEpochMilli(nowMillis);
        long quietSeconds = (nowMillis - alerting.lastArrivalMillis()) / 1000;
        String target = state.seen().target();
        book.evaluate(AlertKind.TARGET_SILENT, null, true, now, () -> "no record from target " + target + " of "
                        + iqn + " for " + quietSeconds + " s (its collector is down, or cannot reach Kafka)",
                (double) quietSeconds, (double) silentAfter.toSeconds(),
                () -> Map.of("target", String.valueOf(target)));
        VolumeState next = state.withAlerting(alerting.silenced(book.episodes()));
        return Optional.of(new Result(next, List.of(), Optional.empty(), book.events(), false));
    }

    /**
     * Ends the REPLICA_DISCONNECTED episodes of replicas that are not coming back: at once when the volume has its
     * desired number of connected replicas without them (replaced, as when a pool is migrated or a replica
     * re-created under a new id), and once they have been gone for {@code replicaGoneAfter} otherwise. The
     * volume's own alerts (VOLUME_DEGRADED, QUORUM_AT_RISK, ...) still say whether it is short of replicas; what
     * fires per replica is only about replicas that may still come back.
     */
    private List<ReplicaModes.Transition> endReplacedAndGone(EpisodeBook book, RecordOrigin origin,
                                                             VolumeObservation.Answered poll, int connected,
                                                             int desired) {
        Map<String, AlertEpisode> gone = book.firingReplicas(AlertKind.REPLICA_DISCONNECTED);
        if (gone.isEmpty()) {
            return List.of();
        }
        List<ReplicaModes.Transition> ended = new ArrayList<>();
        Instant at = origin.at();
        for (Map.Entry<String, AlertEpisode> e : new TreeMap<>(gone).entrySet()) {
            String id = e.getKey();
            Instant since = e.getValue().firingSince();
            if (poll.replicaModes().containsKey(id)) {
                continue;
            }
            if (connected >= desired) {
                book.resolveNow(AlertKind.REPLICA_DISCONNECTED, id, at, "replica " + id + " of " + origin.iqn()
                        + " was replaced: the volume has " + connected + " connected replicas without it (desired "
                        + desired + "); it disconnected at " + since, replicaLabels(origin, id, "replaced"));
                ended.add(new ReplicaModes.Transition(id, ReplicaModes.Kind.REPLACED, null, null, at,
                        Duration.between(since, at)));
            } else if (!at.isBefore(since.plus(settings.replicaGoneAfter()))) {
                book.resolveNow(AlertKind.REPLICA_DISCONNECTED, id, at, "replica " + id + " of " + origin.iqn()
                        + " has been gone since " + since + ", longer than "
                        + Readable.duration(settings.replicaGoneAfter()) + ": no longer reported as disconnected; the"
                        + " volume has " + connected + " of " + desired + " replicas connected",
                        replicaLabels(origin, id, "gone"));
                ended.add(new ReplicaModes.Transition(id, ReplicaModes.Kind.GONE, null, null, at,
                        Duration.between(since, at)));
            }
        }
        return ended;
    }

    /** A replica alert's labels; {@code reason} says why a REPLICA_DISCONNECTED episode ended, null otherwise. */
    private static Map<String, String> replicaLabels(RecordOrigin origin, String replicaId, String reason) {
        return reason == null ? Map.of("target", String.valueOf(origin.target()), "replicaId", replicaId)
                : Map.of("target", String.valueOf(origin.target()), "replicaId", replicaId, "reason", reason);
    }

    /**
     * @param at       when the volume entered {@code status}
     * @param healthy  healthy replicas in the snapshot, null when unreachable
     * @param degraded degraded replicas in the snapshot, null when unreachable
     */
    private static Optional<StatusChange> statusChange(VolumeState state, String iqn, Instant at,
                                                       VolumeCondition status, Integer healthy, Integer degraded) {
        VolumeState.Seen seen = state.seen();
        if (status == null || status == seen.status()) {
            return Optional.empty();
        }
        Duration inPrevious = seen.statusSince() == null ? null : Duration.between(seen.statusSince(), at);
        return Optional.of(new StatusChange(iqn, seen.status(), status, at, inPrevious, healthy, degraded));
    }

    /** Since when the volume has been in the status it is in after this record. */
    private static Instant statusSince(VolumeState state, Optional<StatusChange> change, RecordOrigin origin) {
        Instant since = state.seen().statusSince();
        return change.isPresent() || since == null ? origin.at() : since;
    }

    private static String counts(int healthy, int degraded, Quorum quorum) {
        return healthy + " healthy and " + degraded + " degraded replicas (" + quorum.describe() + ")";
    }

    private static String seconds(Duration d) {
        return d == null ? "?" : d.toSeconds() + " s";
    }

}
