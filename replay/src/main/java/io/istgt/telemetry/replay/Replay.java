package io.istgt.telemetry.replay;

import io.istgt.telemetry.analytics.AnalyticsConfig;
import io.istgt.telemetry.replay.read.HistoryReader;
import io.istgt.telemetry.replay.rederive.AlertDiff;
import io.istgt.telemetry.replay.rederive.Rederivation;
import io.istgt.telemetry.replay.timeline.ChartBuckets;
import io.istgt.telemetry.replay.timeline.ReplicaTimelineBuilder;
import io.istgt.telemetry.replay.timeline.Timeline;
import io.istgt.telemetry.replay.timeline.TimelineEvent;
import io.istgt.telemetry.replay.timeline.VolumeTimelineBuilder;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.ReplicaCounts;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One replay: reads a volume's window topic by topic (status, then transitions and alerts), builds the
 * timeline as the records stream by, and, when asked, re-derives the alerts from the same records.
 */
public final class Replay {

    /** What to replay. */
    public record Request(String iqn, Instant from, Instant to, int chartPoints, Optional<Rederive> rederive) {
        public Request {
            Objects.requireNonNull(iqn, "iqn");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("--to (" + to + ") must be after --from (" + from + ")");
            }
        }
    }

    /**
     * Re-derive the alerts with these settings, reading the status topics from {@code warmup} before the window
     * so baselines, counters and open episodes are primed.
     *
     * @param source where the settings came from, for the report
     */
    public record Rederive(AnalyticsConfig config, Duration warmup, String source) {
    }

    /** The re-derived alerts next to the raised ones. */
    public record Rederived(AlertDiff diff, Instant readFrom, String source) {
    }

    public record Result(Timeline timeline, Optional<Rederived> rederived) {
    }

    private final HistoryReader reader;

    public Replay(HistoryReader reader) {
        this.reader = reader;
    }

    /**
     * The default warm-up: long enough for a spike baseline, an open episode's hysteresis, stuck IO and a run of
     * failed polls that makes the target unreachable.
     */
    public static Duration defaultWarmup(AnalyticsConfig config) {
        return config.duration(AnalyticsConfig.SPIKE_WINDOW_MS).multipliedBy(5)
                .plus(config.duration(AnalyticsConfig.RESOLVE_AFTER_MS))
                .plus(config.duration(AnalyticsConfig.STUCK_IO_AFTER_MS))
                .plus(config.duration(AnalyticsConfig.UNREACHABLE_AFTER_MS));
    }

    public Result run(Request request) {
        String iqn = request.iqn();
        Instant from = request.from();
        Instant to = request.to();
        Instant statusFrom = request.rederive().map(r -> from.minus(r.warmup())).orElse(from);
        ChartBuckets charts = new ChartBuckets(from, to, request.chartPoints());
        VolumeTimelineBuilder volumes = new VolumeTimelineBuilder(from, to, charts);
        Set<String> replicaIds = new TreeSet<>();
        try (Rederivation rederivation = request.rederive()
                .map(r -> new Rederivation(r.config(), from, to)).orElse(null)) {
            reader.volumes(iqn, statusFrom, to, v -> {
                knownReplicas(v, replicaIds);
                volumes.accept(v);
                if (rederivation != null) {
                    rederivation.volume(v);
                }
            });
            VolumeTimelineBuilder.VolumePass pass = volumes.finish();
            ReplicaTimelineBuilder replicas = new ReplicaTimelineBuilder(pass.replicas(), pass.targetRestarts(), from,
                    charts);
            reader.replicas(iqn, replicaIds, statusFrom, to, r -> {
                replicas.accept(r);
                if (rederivation != null) {
                    rederivation.replica(r);
                }
            });

            List<TimelineEvent> events = new ArrayList<>(pass.events());
            long transitions = reader.replicaTransitions(iqn, replicaIds, from, to,
                    t -> events.add(new TimelineEvent.ReplicaChange(t.getAt(), t)));
            transitions += reader.volumeTransitions(iqn, from, to,
                    t -> events.add(new TimelineEvent.VolumeChange(t.getAt(), t)));
            List<Alert> raised = new ArrayList<>();
            reader.alerts(iqn, replicaIds, from, to, raised::add);
            raised.forEach(a -> events.add(new TimelineEvent.AlertChange(a.getEventAt(), a)));
            events.sort(Comparator.comparing(TimelineEvent::at));

            Timeline timeline = new Timeline(iqn, from, to, pass.volume(), replicas.finish(), events, charts,
                    pass.pollInterval(), new Timeline.Counts(pass.records(), replicas.records(), transitions,
                    raised.size(), pass.staleRecords()));
            if (rederivation == null) {
                return new Result(timeline, Optional.empty());
            }
            Rederive r = request.rederive().orElseThrow();
            List<Alert> rederived = rederivation.finish();
            AlertDiff diff = AlertDiff.of(raised, rederived, r.config().duration(AnalyticsConfig.POLL_INTERVAL_MS));
            return new Result(timeline, Optional.of(new Rederived(diff, statusFrom, r.source())));
        }
    }

    private static void knownReplicas(VolumeStatus v, Set<String> ids) {
        ReplicaCounts counts = v.getReplicaCounts();
        if (counts != null) {
            ids.addAll(counts.getConnectedReplicaIds());
            ids.addAll(counts.getOfflineReplicaIds());
        }
    }
}
