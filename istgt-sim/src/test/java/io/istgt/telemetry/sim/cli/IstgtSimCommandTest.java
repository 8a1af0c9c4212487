package io.istgt.telemetry.sim.cli;

import io.istgt.telemetry.sim.SimConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IstgtSimCommandTest {

    @TempDir
    Path dir;

    private static IstgtSimCommand parse(Map<String, String> env, String... args) {
        IstgtSimCommand options = new IstgtSimCommand();
        IstgtSimMain.commandLine(options, env).parseArgs(args);
        return options;
    }

    @Test
    void shouldDefaultLikeTheCaptures() {
        SimConfig config = parse(Map.of(), "--socket", "/tmp/x.sock").config();

        assertThat(config.replicationFactor()).isEqualTo(3);
        assertThat(config.consistencyFactor()).isEqualTo(2);
        assertThat(config.replicas()).isEqualTo(3);
        assertThat(config.rebuildTime()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.handshakeStall()).isEqualTo(Duration.ofMillis(900));
        assertThat(config.stock()).isFalse();
    }

    @Test
    void shouldTakeOptionsFromTheCommandLine() {
        SimConfig config = parse(Map.of(), "--socket-dir", "/tmp/d", "--volumes", "1000", "--volumes-per-target", "4",
                "--rf", "5", "--cf", "3", "--replicas", "6", "--rebuild-time", "1m30s", "--idle-timeout", "500ms",
                "--stock", "--io-rate", "7.5", "--seed", "42", "--handshake-stall", "0").config();

        assertThat(config.replicationFactor()).isEqualTo(5);
        assertThat(config.replicas()).isEqualTo(6);
        assertThat(config.rebuildTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.volumesPerTarget()).isEqualTo(4);
        assertThat(config.ioRate()).isEqualTo(7.5);
        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.stock()).isTrue();
        assertThat(config.handshakeStall()).isZero();
    }

    @Test
    void shouldTakeDefaultsFromTheEnvironmentAndLetTheCommandLineWin() {
        Map<String, String> env = Map.of("ISTGT_SIM_REBUILD_TIME", "5s", "ISTGT_SIM_RF", "1", "ISTGT_SIM_CF", "1",
                "ISTGT_SIM_EXTENDED", "true", "ISTGT_SIM_SOCKET", "/tmp/env.sock", "ISTGT_SIM_HANDSHAKE_STALL", "2s");

        IstgtSimCommand options = parse(env, "--rf", "2");
        SimConfig config = options.config();

        assertThat(IstgtSimMain.defaults(env).variable("--volumes-per-target")).isEqualTo("ISTGT_SIM_VOLUMES_PER_TARGET");
        assertThat(options.socket).hasToString("/tmp/env.sock");
        assertThat(config.rebuildTime()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.replicationFactor()).isEqualTo(2);
        assertThat(config.extended()).isTrue();
        assertThat(config.handshakeStall()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldTakeAnOptionFromTheEnvironmentOverTheConfigFile() throws IOException {
        Path file = Files.writeString(dir.resolve("sim.properties"), "socket-dir=/tmp/d\nvolumes=40\nrebuild-time=2s\n");

        IstgtSimCommand options = parse(Map.of("ISTGT_SIM_CONFIG", file.toString(), "ISTGT_SIM_VOLUMES", "30"));
        SimConfig config = options.config();

        assertThat(options.socketDir).hasToString("/tmp/d");
        assertThat(options.volumes).as("environment over file").isEqualTo(30);
        assertThat(config.rebuildTime()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldNameTheVariableOfABadDuration() {
        CommandLine cli = IstgtSimMain.commandLine(new IstgtSimCommand(), Map.of("ISTGT_SIM_REBUILD_TIME", "soon"));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("--socket", "/x")).isEqualTo(2);

        assertThat(err.toString()).startsWith("Invalid value for option '--rebuild-time': 'soon' is not a duration")
                .contains("(environment ISTGT_SIM_REBUILD_TIME)");
    }

    @Test
    void shouldNameTheOptionAtFault() {
        assertThatThrownBy(() -> parse(Map.of()).config()).hasMessageContaining("--socket PATH")
                .hasMessageContaining("--socket-dir DIR");
        assertThatThrownBy(() -> parse(Map.of(), "--socket", "/x", "--volumes", "3").config())
                .hasMessageContaining("--volumes 3 needs --socket-dir");
        assertThatThrownBy(() -> parse(Map.of(), "--socket", "/x", "--rebuild-time", "soon"))
                .hasMessageContaining("Invalid value for option '--rebuild-time': 'soon' is not a duration");
        assertThatThrownBy(() -> parse(Map.of(), "--socket", "/x", "--cf", "4").config())
                .hasMessageContaining("consistency factor (cf) must be between 1 and rf=3");
        assertThatThrownBy(() -> parse(Map.of(), "--socket", "/x", "--stock", "--extended").config())
                .hasMessageContaining("stock and extended conflict");
    }

    @Test
    void shouldShowDefaultsInHelp() {
        String help = IstgtSimMain.commandLine(new IstgtSimCommand(), Map.of()).getUsageMessage();

        assertThat(help).contains("--rebuild-time=DURATION", "Default: 60s", "ISTGT_SIM_<OPTION>", "ISTGT_SIM_CONFIG",
                "--handshake-stall=DURATION", "Default: 900ms");
    }
}
