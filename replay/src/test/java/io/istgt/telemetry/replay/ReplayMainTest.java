package io.istgt.telemetry.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's usage errors: caught before anything connects, named, exit code 2. */
class ReplayMainTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldRequireTheVolume() {
        assertThat(run("--from", "-30m")).isEqualTo(2);
        assertThat(err.toString()).contains("istgt-replay: --iqn is required");
    }

    @Test
    void shouldNameTheOptionOfATimeItCannotRead() {
        assertThat(run("--iqn", "iqn.x:vol1", "--from", "02:10")).isEqualTo(2);
        assertThat(err.toString()).contains("istgt-replay: --from: cannot read '02:10' as a time");
    }

    @Test
    void shouldRefuseAWindowThatEndsBeforeItStarts() {
        assertThat(run("--iqn", "iqn.x:vol1", "--from", "-10m", "--to", "-30m")).isEqualTo(2);
        assertThat(err.toString()).contains("--to (2026-11-25T02:30:00Z) must be after --from (2026-11-25T02:50:00Z)");
    }

    @Test
    void shouldRefuseABadThresholdNamingItsKey() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("replay", ".properties");
        java.nio.file.Files.writeString(config, "spike.threshold.absolute=-3\n");
        assertThat(run("--iqn", "iqn.x:vol1", "--from", "-30m", "--rederive", "--config", config.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("spike.threshold.absolute");
    }

    @Test
    void shouldRefuseWarmupWithoutRederive() {
        assertThat(run("--iqn", "iqn.x:vol1", "--from", "-30m", "--warmup", "5m")).isEqualTo(2);
        assertThat(err.toString()).contains("--warmup only applies with --rederive");
    }

    @Test
    void shouldDescribeEveryOptionInHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-servers", "--schema-registry-url", "--iqn", "--from", "--to",
                "--zone", "--html", "--rederive", "--config", "--warmup", "--key-partitioning", "ISTGT_REPLAY_");
    }

    @Test
    void shouldTakeOptionsFromTheEnvironmentOverTheConfigFile(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("replay.properties"), "iqn=iqn.x:vol1\nfrom=-30m\nto=-20m\n"
                + "chart-points=5\nalerts.topic=my.alerts\n");

        assertThat(run(Map.of("ISTGT_REPLAY_CONFIG", config.toString(), "ISTGT_REPLAY_TO", "-10m"))).isEqualTo(2);

        assertThat(err.toString()).contains("istgt-replay: --chart-points 5: must be between 10 and 5000"
                + " (--chart-points from config file " + config + ")");
    }

    @Test
    void shouldNameTheVariableOfAWindowThatEndsBeforeItStarts() {
        assertThat(run(Map.of("ISTGT_REPLAY_FROM", "-10m", "ISTGT_REPLAY_TO", "-30m"), "--iqn", "iqn.x:vol1"))
                .isEqualTo(2);

        assertThat(err.toString()).contains("--to (2026-11-25T02:30:00Z) must be after --from (2026-11-25T02:50:00Z)"
                + " (--from from environment ISTGT_REPLAY_FROM, --to from environment ISTGT_REPLAY_TO)");
    }

    @Test
    void shouldNameTheVariableOfAZoneItDoesNotKnow() {
        assertThat(run(Map.of("ISTGT_REPLAY_ZONE", "Mars/Olympus"), "--iqn", "iqn.x:vol1", "--from", "-30m"))
                .isEqualTo(2);

        assertThat(err.toString()).contains("istgt-replay: --zone Mars/Olympus: Unknown time-zone ID: Mars/Olympus"
                + " (--zone from environment ISTGT_REPLAY_ZONE)");
    }

    @Test
    void shouldRefuseAConfigKeyThatIsNeitherAnOptionNorDotted(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("replay.properties"), "volume=vol1\n");

        assertThat(run("--config", config.toString())).isEqualTo(2);

        assertThat(err.toString()).startsWith("istgt-replay: unknown key volume in config file " + config
                + " (--config): it takes the options' names without dashes (bootstrap-servers, chart-points, from,");
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        CommandLine cli = ReplayMain.commandLine(Clock.fixed(Instant.parse("2026-11-25T03:00:00Z"),
                ZoneOffset.UTC), environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
