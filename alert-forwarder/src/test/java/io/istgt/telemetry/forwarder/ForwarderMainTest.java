package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The forwarder's options come as every program's do: command line, ISTGT_FORWARDER_<OPTION>, --config file. */
class ForwarderMainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        CommandLine cli = AlertForwarderMain.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldTakeAlertmanagersAndLabelsFromTheEnvironmentAsCommaLists() {
        int code = run(Map.of("ISTGT_FORWARDER_ALERTMANAGER_URL", "http://am-0:9093,http://am-1:9093",
                "ISTGT_FORWARDER_LABEL", "cluster=eu-1,environment=prod"), "--print-config");

        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString())
                .contains(ForwarderConfig.ALERTMANAGER_URLS + "=http://am-0:9093,http://am-1:9093")
                .contains(ForwarderConfig.STATIC_LABELS + "=cluster=eu-1,environment=prod");
    }

    @Test
    void shouldTakeOptionsAndForwarderKeysFromTheConfigFileAndRefuseOtherKeys() throws Exception {
        Path config = Files.writeString(dir.resolve("forwarder.properties"),
                "alertmanager-url=http://am:9093\nbatch.size=16\n");
        assertThat(run(Map.of(), "--config", config.toString(), "--print-config")).as("stderr: %s", err).isZero();
        assertThat(out.toString()).contains(ForwarderConfig.ALERTMANAGER_URLS + "=http://am:9093")
                .contains(ForwarderConfig.BATCH_SIZE + "=16");

        Files.writeString(config, "alertmanager-url=http://am:9093\nresend_interval=5\n");
        assertThat(run(Map.of(), "--config", config.toString(), "--print-config")).isEqualTo(2);
        assertThat(err.toString()).contains(config.toString()).contains("resend_interval");
    }
}
