package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.AlertKind;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rules evaluated on each replica record: spikes of the replica's error counters (connection errors,
 * restarts, failed snapshot and rebuild requests, IO errors where the build gives them), and STUCK_IO.
 */
public final class ReplicaRules {

    /** Everything one record produced. */
    public record Result(ReplicaState next, List<AlertEvent> alerts, boolean stale) {
    }

    private final RuleSettings settings;

    public ReplicaRules(RuleSettings settings) {
        this.settings = settings;
    }

    public Result apply(ReplicaState state, ReplicaObservation obs) {
        if (state.newestAt() != null && !obs.at().isAfter(state.newestAt())) {
            return new Result(state, List.of(), true);
        }
        EpisodeBook book = new EpisodeBook(obs.iqn(), state.episodes(), settings);
        Map<String, String> labels = Map.of("replicaId", obs.replicaId());

        ErrorCounters errors = state.errors();
        boolean restarted = CounterDelta.restarted(errors.uptimeSeconds(), obs.uptimeSeconds());
        Map<ErrorFamily, SpikeWindow> spikes = new EnumMap<>(ErrorFamily.class);
        spikes.putAll(errors.spikes());
        Spikes.evaluate(book, obs.iqn(), obs.replicaId(), errors.values(), obs.errorCounters(), restarted,
                Spikes.sameClock(errors.source(), obs.source()), state.newestAt(), obs.at(), spikes, settings.spikes(),
                labels);

        // Stuck: IO in flight that does not drain (see ReplicaState.IoWatch).
        ReplicaObservation.IoProgress io = obs.io();
        ReplicaState.IoWatch watched = state.io();
        boolean inflight = io.inflight() != null && io.inflight() > 0;
        Instant inflightSince = inflight ? (watched.inflightSince() != null ? watched.inflightSince() : obs.at()) : null;
        ReplicaState.Unmoved seq = watched.seq().next(io.checkpointedIoSeq(), obs.at());
        ReplicaState.Unmoved completed = watched.completedIo().next(io.completedIo(), obs.at());
        Instant stillSince = inflightSince == null ? obs.at() : latest(inflightSince, seq.since(), completed.since());
        boolean stuck = inflightSince != null && !obs.at().isBefore(stillSince.plus(settings.stuckIoAfter()));
        Duration stuckFor = Duration.between(stillSince, obs.at());
        book.evaluate(AlertKind.STUCK_IO, obs.replicaId(), stuck, obs.at(),
                () -> io.inflight() + " IOs in flight on replica " + obs.replicaId() + " of " + obs.iqn()
                        + " and none completed, checkpointed IO sequence stuck at " + io.checkpointedIoSeq()
                        + ", for " + stuckFor.toSeconds() + " s",
                io.inflight() == null ? null : io.inflight().doubleValue(), (double) settings.stuckIoAfter().toSeconds(),
                () -> labels);

        ReplicaState next = new ReplicaState(obs.at(),
                new ErrorCounters(obs.uptimeSeconds(), obs.errorCounters(), spikes, obs.source()), book.episodes(),
                new ReplicaState.IoWatch(inflightSince, seq, completed));
        return new Result(next, book.events(), false);
    }

    /**
     * Whether a replica is gone: no record of it for {@code replicaGoneAfter} by {@code now} (the records' time, so
     * a reprocessing of history judges as the live app did).
     */
    public boolean gone(ReplicaState state, Instant now) {
        return state.newestAt() != null && !now.isBefore(state.newestAt().plus(settings.replicaGoneAfter()));
    }

    /**
     * Forgets a gone replica: every episode it has open ends now (nothing will ever evaluate them again), and its
     * state is to be deleted.
     */
    public List<AlertEvent> forget(String iqn, String replicaId, ReplicaState state, Instant now) {
        EpisodeBook book = new EpisodeBook(iqn, state.episodes(), settings);
        String gone = Readable.duration(settings.replicaGoneAfter());
        book.resolveAllNow(now, kind -> "no record of replica " + replicaId + " of " + iqn + " since "
                + state.newestAt() + ", longer than " + gone + ": it no longer exists",
                Map.of("replicaId", replicaId, "reason", "gone"));
        return book.events();
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant max = a.isAfter(b) ? a : b;
        return max.isAfter(c) ? max : c;
    }
}
