package io.istgt.telemetry.collector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.collector.config.RunSettings;
import io.istgt.telemetry.collector.config.Setting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = IstgtCollectorCommand.commandLine(Clock.systemUTC(), env, () -> {
            throw new AssertionError("the collector must not start in this test");
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldListEverySettingUnderHelp() {
        int code = run(Map.of(), "run", "--help");

        assertThat(code).isZero();
        for (Setting<?> s : RunSettings.ALL) {
            assertThat(out.toString()).contains(s.option());
        }
        assertThat(out.toString()).contains("Default: 10s.", "ISTGT_COLLECTOR_<OPTION>", "interval=10s",
                "--socket=[NAME=]PATH", "Exit codes:");
    }

    @Test
    void shouldFailAtStartNamingTheBadSetting() {
        int code = run(Map.of(), "run", "--bootstrap-servers", "k:9092", "--schema-registry-url", "http://r:8081",
                "--interval", "1x");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("istgt-collector run: invalid interval '1x' (--interval): invalid"
                + " duration '1x': expected a whole number and a unit, e.g. 500ms, 10s, 1m, 2h" + System.lineSeparator());
    }

    @Test
    void shouldTakeSettingsFromTheEnvironment() {
        int code = run(Map.of("ISTGT_COLLECTOR_BOOTSTRAP_SERVERS", "k:9092"), "run",
                "--schema-registry-url", "http://r:8081", "--socket", "/a", "--socket-dir", "/b");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("socket and socket-dir exclude each other");
    }

    @Test
    void shouldTakeSettingsFromTheEnvironmentAndTheConfigFileItNames(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("collector.properties"), "socket-dir=/b\n"
                + "schema-registry-url=http://r:8081\n");

        int code = run(Map.of("ISTGT_COLLECTOR_CONFIG", file.toString(), "ISTGT_COLLECTOR_BOOTSTRAP_SERVERS", "k:9092",
                "ISTGT_COLLECTOR_SOCKET", "/a"), "run");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).as("socket from the environment, socket-dir from the file")
                .contains("socket and socket-dir exclude each other");
    }

    @Test
    void shouldLeaveSnapshotsKeysInTheSharedConfigFileAloneAndStillRefuseAKeyNoSubcommandTakes(@TempDir Path dir)
            throws Exception {
        Path shared = Files.writeString(dir.resolve("collector.properties"), "format=text\ninterval=1x\n");
        Path misspelt = Files.writeString(dir.resolve("misspelt.properties"), "format=text\nintervall=10s\n");

        int code = run(Map.of(), "run", "--config", shared.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).as("snapshot's format is left alone; run reads its own interval from the file")
                .isEqualTo("istgt-collector run: invalid interval '1x' (config file " + shared + "): invalid"
                        + " duration '1x': expected a whole number and a unit, e.g. 500ms, 10s, 1m, 2h"
                        + System.lineSeparator());

        err.getBuffer().setLength(0);
        assertThat(run(Map.of(), "run", "--config", misspelt.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("istgt-collector run: unknown key intervall in config file " + misspelt
                + " (--config): it takes the options' names without dashes (").contains(" and the other subcommand's"
                + " keys (one file serves run and snapshot;");
    }

    @Test
    void shouldNameTheVariableOfASnapshotValueThatIsNoDuration() {
        int code = run(Map.of("ISTGT_COLLECTOR_TIMEOUT", "1x"), "snapshot");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid value for option '--timeout': invalid duration '1x'")
                .contains("(environment ISTGT_COLLECTOR_TIMEOUT)");
    }

    @Test
    void shouldListRunBesideSnapshot() {
        run(Map.of(), "--help");

        assertThat(out.toString()).contains("snapshot", "run");
    }
}
