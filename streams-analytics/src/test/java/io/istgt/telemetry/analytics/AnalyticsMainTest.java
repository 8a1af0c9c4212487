package io.istgt.telemetry.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The program's HTTP options; what it serves there is AnalyticsHttpIT's. */
class AnalyticsMainTest {

    @Test
    void shouldServeOnAPortOfItsOwnNextToTheCollectorsByDefault() {
        CommandLine cli = AnalyticsMain.commandLine(Map.of());
        cli.parseArgs();
        AnalyticsMain main = cli.getCommand();

        assertThat(main.httpPort).as("the collector has 9404").isEqualTo(9405);
        assertThat(main.httpAddress).isEqualTo("0.0.0.0");
    }

    @Test
    void shouldRefuseAPortOutOfRange() {
        int exit = AnalyticsMain.commandLine(Map.of()).execute("--http-port", "70000");

        assertThat(exit).isEqualTo(2);
    }

    @Test
    void shouldTakeOptionsFromTheEnvironmentOverTheConfigFileBesideItsDottedKeys(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("analytics.properties"), "http-port=9500\nhttp-address=127.0.0.1\n"
                + "output.partitions=3\nacks=all\n");
        CommandLine cli = AnalyticsMain.commandLine(Map.of("ISTGT_ANALYTICS_CONFIG", file.toString(),
                "ISTGT_ANALYTICS_HTTP_PORT", "9406", "ISTGT_ANALYTICS_STATE_DIR", "/var/lib/analytics"));

        cli.parseArgs();
        AnalyticsMain main = cli.getCommand();

        assertThat(main.httpPort).as("environment over file").isEqualTo(9406);
        assertThat(main.httpAddress).as("file over default").isEqualTo("127.0.0.1");
        assertThat(main.stateDir).isEqualTo(Path.of("/var/lib/analytics"));
        assertThat(main.configFile).isEqualTo(file);
    }

    @Test
    void shouldRefuseAConfigKeyThatIsNeitherAnOptionNorDotted(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("analytics.properties"), "output.partitions=3\nhttp_port=1\n");
        CommandLine cli = AnalyticsMain.commandLine(Map.of());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute("--config", file.toString())).isEqualTo(2);

        assertThat(err.toString()).startsWith("istgt-analytics: unknown key http_port in config file " + file
                + " (--config): it takes the options' names without dashes (application-id, bootstrap-servers,")
                .contains("and the analytics' keys (--print-config), Kafka Streams, client and serde settings");
    }

    @Test
    void shouldNameTheVariableOfAPortOutOfRange() {
        CommandLine cli = AnalyticsMain.commandLine(Map.of("ISTGT_ANALYTICS_HTTP_PORT", "70000"));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute()).isEqualTo(2);

        assertThat(err.toString()).isEqualTo("istgt-analytics: --http-port"
                + " 70000: expected a port 0..65535 (0 picks a free one) (--http-port from environment"
                + " ISTGT_ANALYTICS_HTTP_PORT)" + System.lineSeparator());
    }

    @Test
    void shouldNameThePortAndItsOptionsWhenThePortIsTakenBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", taken.getLocalPort());

            // no broker at all: the port is checked first
            assertThatThrownBy(() -> AnalyticsMain.start(Map.of("bootstrap.servers", "127.0.0.1:1"), address))
                    .isInstanceOf(AnalyticsMain.HttpPortException.class)
                    .hasMessageStartingWith("cannot serve /healthz, /readyz and /metrics on 127.0.0.1:"
                            + taken.getLocalPort() + " (--http-address, --http-port): ");
        }
    }
}
