package io.istgt.telemetry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smoke run of every benchmark: each one, with tiny parameters, still runs end to end, and its figures hold
 * what must hold whatever the machine: counts equal to what was sent or polled, nothing missing, peaks at least
 * the samples they bound, ratios on the right side of one. Targets are not judged here (the machine and the
 * sizes are not the benchmark's). One in-process broker and one registry serve all of them.
 */
class BenchmarksSmokeIT {

    /**
     * JMH refuses to run while another JMH holds its machine-wide lock (/tmp/jmh.lock), e.g. a benchmark someone
     * runs beside this build; the smoke run judges no timing, so it runs anyway.
     */
    private static final String JMH_IGNORE_LOCK = "jmh.ignoreLock";
    private static String sharedBefore;
    private static String ignoreLockBefore;

    @BeforeAll
    static void shareServices() {
        sharedBefore = System.setProperty(Services.SHARED, "true");
        ignoreLockBefore = System.setProperty(JMH_IGNORE_LOCK, "true");
    }

    @AfterAll
    static void stopSharedServices() {
        Services.closeShared();
        restore(Services.SHARED, sharedBefore);
        restore(JMH_IGNORE_LOCK, ignoreLockBefore);
    }

    private static void restore(String property, String before) {
        if (before == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, before);
        }
    }

    static Stream<Arguments> benchmarks() {
        return Stream.of(
                Arguments.of("snapshot", new String[] {"--forks", "0", "--warmup", "1", "--iterations", "1",
                        "--iteration", "100ms", "--cpu-rounds", "3", "--cpu-operations", "200"}, (Consumer<Figures>) BenchmarksSmokeIT::snapshot),
                Arguments.of("scale", new String[] {"--targets", "20", "--warmup", "2s", "--duration", "3s"},
                        (Consumer<Figures>) f -> scale(f, 20, 3)),
                Arguments.of("sidecar", new String[] {"--interval", "1s", "--warmup", "2s", "--duration", "4s"},
                        (Consumer<Figures>) f -> sidecar(f, 4)),
                Arguments.of("alert-latency", new String[] {"--cycles", "1"},
                        (Consumer<Figures>) BenchmarksSmokeIT::alertLatency),
                Arguments.of("replay", new String[] {"--records", "2000", "--volumes", "10"},
                        (Consumer<Figures>) f -> replay(f, 2000)),
                Arguments.of("storage", new String[] {"--targets", "10", "--duration", "3s"},
                        (Consumer<Figures>) f -> storage(f, 10)),
                Arguments.of("connections", new String[] {"--polls", "100", "--rounds", "1", "--warmup", "20",
                        "--idle", "500ms"}, (Consumer<Figures>) BenchmarksSmokeIT::connections),
                Arguments.of("exporter", new String[] {"--targets", "10", "--warmup", "1", "--renders", "3"},
                        (Consumer<Figures>) BenchmarksSmokeIT::exporter),
                Arguments.of("node", new String[] {"--volumes", "1,3", "--interval", "1s", "--warmup", "2s",
                        "--duration", "3s"}, (Consumer<Figures>) BenchmarksSmokeIT::node),
                Arguments.of("alertmanager", new String[] {"--cycles", "2", "--firing", "20", "--resend-interval",
                        "1s"}, (Consumer<Figures>) BenchmarksSmokeIT::alertmanager),
                Arguments.of("pager", new String[] {"--cycles", "1"}, (Consumer<Figures>) BenchmarksSmokeIT::pager));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void shouldRunAndPrintFiguresThatHold(String name, String[] args, Consumer<Figures> mustHold) throws Exception {
        Args parsed = Args.of(args);

        Figures figures = BenchMain.BENCHMARKS.get(name).run(parsed);

        figures.print(System.out);
        assertThat(figures.figures()).isNotEmpty();
        assertThat(figures.figures()).allSatisfy(f -> assertThat(f.measured()).as(f.name()).isFinite());
        mustHold.accept(figures);
    }

    private static void exporter(Figures f) {
        // The deep capture renders a few hundred series per target (volume, three replicas, opcodes).
        assertThat(value(f, "series per scrape")).isBetween(10 * 100.0, 10 * 1000.0);
        assertThat(value(f, "wall time per scrape, median")).isPositive();
    }

    private static void snapshot(Figures f) {
        for (String time : new String[] {"records (ISTGTSTATUS+IOSTATS)", "readTree of the same JSON",
                "records (whole deep poll)", "allocated, records", "allocated, readTree", "thread CPU, records",
                "thread CPU, readTree", "thread CPU, whole deep poll"}) {
            assertThat(value(f, time)).as(time).isPositive();
        }
        assertThat(value(f, "allocated, whole deep poll")).as("a deep poll (8 replies) allocates more than two")
                .isGreaterThan(value(f, "allocated, records"));
        assertThat(value(f, "thread CPU, whole deep poll")).as("a deep poll (8 replies) costs more than two")
                .isGreaterThan(value(f, "thread CPU, records"));
    }

    private static void scale(Figures f, int targets, int windowSeconds) {
        assertThat(value(f, "snapshots missing in Kafka")).isZero();
        assertThat(value(f, "polls lacking replica records")).isZero();
        assertThat(value(f, "targets with records")).isEqualTo(targets);
        // every target polls once a second: fewer than half means the run stalled, more than one extra each
        // means the window or the metrics are wrong
        assertThat(value(f, "polls expected in window")).isEqualTo(targets * windowSeconds);
        assertThat(value(f, "polls in window")).isBetween(targets * windowSeconds / 2.0,
                targets * (windowSeconds + 1.0));
        assertThat(value(f, "volume records read back")).as("every poll of the window (and the warmup's) read back")
                .isGreaterThanOrEqualTo(value(f, "polls in window"));
        assertThat(value(f, "replica records read back")).as("at most 3 replicas a volume")
                .isLessThanOrEqualTo(3 * value(f, "volume records read back"));
        assertThat(value(f, "collector CPU")).isPositive()
                .isLessThanOrEqualTo(100.0 * Runtime.getRuntime().availableProcessors());
        rss(f, "collector RSS, median");
        assertThat(value(f, "poll lateness p50")).isNotNegative().isLessThanOrEqualTo(value(f, "poll lateness p99"));
    }

    private static void sidecar(Figures f, int windowSeconds) {
        assertThat(value(f, "snapshots missing in Kafka")).isZero();
        assertThat(value(f, "polls read back")).as("a poll a second over the window at least")
                .isGreaterThanOrEqualTo(windowSeconds);
        rss(f, "collector RSS, first sample");
        assertThat(value(f, "collector RSS / floor")).as("the collector above an idle JVM with its flags")
                .isGreaterThan(1);
        assertThat(value(f, "live heap at window start (after a full GC)")).isPositive();
    }

    /** The peak (VmHWM, read last) is at least every sample, and the samples are real sizes. */
    private static void rss(Figures f, String sample) {
        assertThat(value(f, sample)).isPositive().isLessThanOrEqualTo(value(f, "collector RSS, max in window"));
        assertThat(value(f, "collector RSS, max in window")).isLessThanOrEqualTo(value(f, "collector RSS, peak (VmHWM)"));
    }

    private static void alertLatency(Figures f) {
        assertThat(value(f, "alerts not seen within 30 s")).isZero();
        for (String latency : new String[] {"REPLICA_DISCONNECTED FIRING p50", "RESOLVED (replica back) p50"}) {
            assertThat(value(f, latency)).as(latency).isPositive().isLessThanOrEqualTo(30_000);
        }
        assertThat(value(f, "REPLICA_DISCONNECTED FIRING p50"))
                .isLessThanOrEqualTo(value(f, "REPLICA_DISCONNECTED FIRING max"));
    }

    private static void alertmanager(Figures f) {
        assertThat(value(f, "alerts not seen within 30 s")).isZero();
        for (String latency : new String[] {"FIRING held p50", "RESOLVED gone p50"}) {
            assertThat(value(f, latency)).as(latency).isPositive().isLessThanOrEqualTo(30_000);
        }
    }

    private static void pager(Figures f) {
        assertThat(value(f, "notifications not received within 30 s")).isZero();
        for (String latency : new String[] {"IstgtReplicaDisconnected notified firing p50",
                "notified resolved (replica back) p50"}) {
            assertThat(value(f, latency)).as(latency).isPositive().isLessThanOrEqualTo(30_000);
        }
    }

    private static void replay(Figures f, int records) {
        assertThat(value(f, "records")).as("records produced and reprocessed").isEqualTo(records);
        for (String rate : new String[] {"plain consumer + AvroDeserializer", "analytics, defaults",
                "analytics, replay profile"}) {
            assertThat(value(f, rate)).as(rate).isPositive();
        }
        assertThat(value(f, "analytics startup, defaults (start to first commit)")).isPositive()
                .isLessThanOrEqualTo(value(f, "analytics wall time, defaults (start to lag 0)"));
        assertThat(value(f, "analytics startup, replay profile")).isPositive()
                .isLessThanOrEqualTo(value(f, "analytics wall time, replay profile"));
    }

    private static void storage(Figures f, int targets) {
        for (String[] deployment : new String[][] {{"fleet (" + targets + " targets, 1 collector)",
                Integer.toString(targets)}, {"sidecar (1 target)", "1"}}) {
            String label = deployment[0];
            int volumes = Integer.parseInt(deployment[1]);
            assertThat(value(f, label + ": snapshots")).as(label).isGreaterThanOrEqualTo(volumes);
            assertThat(value(f, label + ": polls per volume, fewest")).as(label).isGreaterThanOrEqualTo(1);
            assertThat(value(f, label + ": live topics: broker bytes per snapshot")).as(label).isPositive();
            assertThat(value(f, label + ": history: broker bytes per snapshot")).as(label).isPositive();
            assertThat(value(f, label + ": history: blocks")).as("%s: a block per volume at least", label)
                    .isGreaterThanOrEqualTo(volumes);
            assertThat(value(f, label + ": history: records per block (mean)"))
                    .as("%s: a history block holds up to 60 records", label).isPositive().isLessThanOrEqualTo(60);
        }
        assertThat(value(f, "floor: zstd given the volume's previous snapshot (dictionary)"))
                .as("the previous snapshot as dictionary compresses at least as well as nothing")
                .isPositive().isLessThanOrEqualTo(value(f, "floor: zstd of each snapshot alone"));
    }

    private static void connections(Figures f) {
        for (String wall : new String[] {"poll wall time, kept connection", "poll wall time, connection per poll"}) {
            assertThat(value(f, wall)).as("%s (us)", wall).isPositive().isLessThan(1_000_000);
        }
        assertThat(value(f, "istgt idle CPU (subtracted)")).isNotNegative();
    }

    private static void node(Figures f) {
        assertThat(value(f, "sidecar: snapshots missing in Kafka")).isZero();
        for (String at : new String[] {"1 volume", "3 volumes"}) {
            assertThat(value(f, "node collector snapshots missing in Kafka, " + at)).as(at).isZero();
            assertThat(value(f, "node collector RSS, " + at)).as(at).isPositive();
            assertThat(value(f, "node collector live heap after a full GC, " + at)).as(at).isPositive();
        }
        assertThat(value(f, "node collector targets with records, 3 volumes")).as("every pod's target found")
                .isEqualTo(3);
        assertThat(value(f, "node collector / sidecars, 3 volumes")).as("one JVM for three, against three")
                .isLessThan(1);
    }

    private static double value(Figures f, String name) {
        return f.get(name).measured();
    }
}
