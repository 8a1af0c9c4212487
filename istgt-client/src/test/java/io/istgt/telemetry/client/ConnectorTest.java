package io.istgt.telemetry.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import java.net.SocketException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The way a failed connect is classified; the CLI's exit code for it is checked in the collector. */
class ConnectorTest {

    @Test
    void shouldClassifyEaccesAsPermissionDenied() {
        Path path = Path.of("/run/istgt.sock");

        IstgtControlException e = Connector.classify(path, ClientSettings.defaults(),
                new SocketException("Permission denied"));

        assertThat(e.kind()).isEqualTo(ErrorKind.PERMISSION_DENIED);
        assertThat(e.retriable()).isFalse();
        assertThat(e).hasMessage("permission denied connecting to /run/istgt.sock");
    }
}
