package io.istgt.telemetry.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The program's HTTP options; what it serves there is AnalyticsHttpIT's. */
class AnalyticsMainTest {

    @Test
    void shouldServeOnAPortOfItsOwnNextToTheCollectorsByDefault() {
        AnalyticsMain main = CommandLine.populateCommand(new AnalyticsMain());

        assertThat(main.httpPort).as("the collector has 9404").isEqualTo(9405);
        assertThat(main.httpAddress).isEqualTo("0.0.0.0");
    }

    @Test
    void shouldRefuseAPortOutOfRange() {
        int exit = new CommandLine(new AnalyticsMain()).execute("--http-port", "70000");

        assertThat(exit).isEqualTo(2);
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
