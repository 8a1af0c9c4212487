package io.istgt.telemetry.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.bench.proc.Services;
import io.istgt.telemetry.bench.report.Figures;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smoke run of every benchmark: each one, with tiny parameters, still runs end to end and prints figures.
 * Targets are not judged here (the machine and the sizes are not the benchmark's); only that every figure was
 * measured. One in-process broker and one registry serve all of them.
 */
class BenchmarksSmokeIT {

    @BeforeAll
    static void shareServices() {
        System.setProperty(Services.SHARED, "true");
    }

    static Stream<Arguments> benchmarks() {
        return Stream.of(
                Arguments.of("snapshot", new String[] {"--forks", "0", "--warmup", "1", "--iterations", "1",
                        "--iteration", "100ms"}),
                Arguments.of("scale", new String[] {"--targets", "20", "--warmup", "2s", "--duration", "3s"}),
                Arguments.of("sidecar", new String[] {"--interval", "1s", "--warmup", "2s", "--duration", "4s"}),
                Arguments.of("alert-latency", new String[] {"--cycles", "1"}),
                Arguments.of("replay", new String[] {"--records", "2000", "--volumes", "10"}),
                Arguments.of("storage", new String[] {"--targets", "10", "--duration", "3s"}),
                Arguments.of("connections", new String[] {"--polls", "100", "--rounds", "1", "--warmup", "20",
                        "--idle", "500ms"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void shouldRunAndPrintEveryFigure(String name, String[] args) throws Exception {
        Args parsed = Args.of(args);

        Figures figures = BenchMain.BENCHMARKS.get(name).run(parsed);

        figures.print(System.out);
        assertThat(figures.figures()).isNotEmpty();
        assertThat(figures.figures()).allSatisfy(f -> assertThat(f.measured()).as(f.name()).isFinite());
    }
}
