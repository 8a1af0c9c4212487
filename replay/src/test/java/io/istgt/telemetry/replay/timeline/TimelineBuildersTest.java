package io.istgt.telemetry.replay.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.istgt.telemetry.replay.ScenarioHistory;
import io.istgt.telemetry.replay.StatusShapes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Specs of the timeline built from a scripted incident (see {@link ScenarioHistory}). */
class TimelineBuildersTest {

    private static final Instant T0 = Instant.parse("2026-11-25T02:10:00Z");
    private static final Instant END = T0.plusSeconds(910);

    private VolumeTimelineBuilder.VolumePass pass;
    private Map<String, List<Interval>> replicas;
    private ChartBuckets charts;

    @BeforeEach
    void build() {
        // given the incident's records, volume records first, then the replicas' (as the replay reads them)
        List<ScenarioHistory.Poll> polls = ScenarioHistory.polls(T0);
        charts = new ChartBuckets(T0, END, 91);
        VolumeTimelineBuilder volumes = new VolumeTimelineBuilder(T0, END, charts);
        polls.forEach(p -> volumes.accept(p.volume()));
        pass = volumes.finish();
        ReplicaTimelineBuilder replicaBuilder = new ReplicaTimelineBuilder(pass.replicas(), pass.targetRestarts(), T0,
                charts);
        polls.forEach(p -> p.replicas().forEach(replicaBuilder::accept));
        replicas = replicaBuilder.finish();
    }

    @Test
    void shouldTurnTheVolumeStatusPerSnapshotIntoIntervals() {
        assertThat(pass.volume()).extracting(i -> seconds(i.start()), i -> seconds(i.end()), Interval::state)
                .containsExactly(
                        tuple(0L, 300L, LaneState.HEALTHY),
                        tuple(300L, 350L, LaneState.UNREACHABLE),
                        tuple(350L, 500L, LaneState.HEALTHY),
                        tuple(500L, 520L, LaneState.OFFLINE),
                        tuple(520L, 580L, LaneState.DEGRADED),
                        tuple(580L, 910L, LaneState.HEALTHY));
        assertThat(pass.volume().get(1).detail()).startsWith("UNREACHABLE: connect to /var/run/istgt_ctl_sock");
        assertThat(pass.volume().get(3).detail()).isEqualTo("1 healthy, 0 degraded, 2 offline");
    }

    @Test
    void shouldDrawEachReplicasModesFromTheVolumeRecords() {
        assertThat(replicas).containsOnlyKeys("6161", "6162", "6163");
        assertThat(replicas.get("6163")).extracting(i -> seconds(i.start()), Interval::state).containsExactly(
                tuple(0L, LaneState.HEALTHY),
                tuple(130L, LaneState.DISCONNECTED),
                tuple(210L, LaneState.DEGRADED),
                tuple(270L, LaneState.HEALTHY),
                tuple(300L, LaneState.UNREACHABLE),
                tuple(350L, LaneState.HEALTHY),
                tuple(500L, LaneState.DISCONNECTED),
                tuple(520L, LaneState.DEGRADED),
                tuple(580L, LaneState.HEALTHY));
    }

    @Test
    void shouldComputeRatesAndLatenciesFromTheCumulativeCounters() {
        IoAggregate.Snapshot first = pass.volume().getFirst().io();
        assertThat(first.readIops()).isEqualTo(20.0);
        assertThat(first.writeIops()).isEqualTo(20.0);
        assertThat(first.readLatencyMs()).isEqualTo(1.0);
        assertThat(first.writeLatencyMs()).isEqualTo(2.0);
        assertThat(first.covered()).isEqualTo(Duration.ofSeconds(290));
    }

    @Test
    void shouldCountOnlyWhatAccumulatedSinceARestartWhenIstgtRestarts() {
        // the interval 350..500 spans the restart at +450: before it 20/s, at it the counters start from 0
        IoAggregate.Snapshot acrossRestart = pass.volume().get(2).io();
        // +350 (60 s since the last success) 1200, +360 +370 200 each, +390 (a lost poll) 400, +400..+440 200 each,
        // +450 restarted at 0: 0, +460..+490 200 each
        assertThat(acrossRestart.readCommands()).isEqualTo(1_200 + 2 * 200 + 400 + 5 * 200 + 4 * 200);
        assertThat(acrossRestart.readIops()).isPositive();
        assertThat(pass.events()).filteredOn(e -> e instanceof TimelineEvent.TargetRestart)
                .extracting(e -> seconds(e.at())).containsExactly(450L);
    }

    @Test
    void shouldReportLostPollsAndUnreachableSpans() {
        assertThat(pass.events()).filteredOn(e -> e instanceof TimelineEvent.CollectionGap)
                .map(e -> (TimelineEvent.CollectionGap) e)
                .extracting(g -> seconds(g.at()), g -> seconds(g.end()), TimelineEvent.CollectionGap::lostPolls)
                .containsExactly(tuple(370L, 390L, 1L));
        assertThat(pass.events()).filteredOn(e -> e instanceof TimelineEvent.Unreachable)
                .map(e -> (TimelineEvent.Unreachable) e)
                .extracting(u -> seconds(u.at()), u -> seconds(u.end()), TimelineEvent.Unreachable::polls)
                .containsExactly(tuple(300L, 350L, 5L));
        assertThat(pass.pollInterval()).contains(Duration.ofSeconds(10));
    }

    @Test
    void shouldPutEachReplicasErrorDeltasInTheIntervalTheyHappenedIn() {
        Interval disconnected = replicas.get("6163").get(1);
        assertThat(disconnected.io().errors()).containsEntry(ErrorCounter.DATA_CONN, 1L);
        Interval burst = replicas.get("6161").stream().filter(i -> i.contains(T0.plusSeconds(600))).findFirst()
                .orElseThrow();
        assertThat(burst.io().errors()).containsEntry(ErrorCounter.DATA_CONN, 12L);
        // the restart zeroes istgt's error counters: no negative delta anywhere
        assertThat(replicas.values()).allSatisfy(lane -> assertThat(lane)
                .allSatisfy(i -> assertThat(i.io().errors().values()).allMatch(v -> v >= 0)));
    }

    @Test
    void shouldFillBoundedChartSeries() {
        double[] reads = charts.get(Series.READ_COMMANDS);
        assertThat(reads).hasSize(91);
        assertThat(charts.get(Series.replicaErrors("6161"))[60]).isEqualTo(12.0);
        assertThat(charts.get(Series.replicaInflight("6163"))).contains(1.0);
    }

    @Test
    void shouldIgnoreARecordNotNewerThanTheLastOne() {
        ChartBuckets buckets = new ChartBuckets(T0, END, 10);
        VolumeTimelineBuilder builder = new VolumeTimelineBuilder(T0, END, buckets);
        builder.accept(StatusShapes.volume(T0.plusSeconds(10), 2, "Healthy", StatusShapes.modes("6161", "Healthy"),
                List.of(), 100, 10, 0));
        builder.accept(StatusShapes.volume(T0, 1, "Offline", StatusShapes.modes(), List.of(), 90, 0, 0));

        VolumeTimelineBuilder.VolumePass result = builder.finish();

        assertThat(result.volume()).extracting(Interval::state).containsExactly(LaneState.HEALTHY);
        assertThat(result.staleRecords()).isEqualTo(1);
    }

    private static long seconds(Instant at) {
        return Duration.between(T0, at).toSeconds();
    }
}
