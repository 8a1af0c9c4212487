package io.istgt.telemetry.collector.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What an istgt serves, read independently of the collector's client and parsers: one command over a plain
 * unix socket, its JSON read with Jackson. The ITs compare the published records with this.
 */
public final class RawControl {

    private RawControl() {
    }

    public static JsonNode json(Path socket, String command) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.US_ASCII));
            in.readLine();
            Channels.newOutputStream(channel).write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            String line = in.readLine();
            if (line == null || !line.startsWith(command + " ")) {
                throw new IllegalStateException(command + " answered '" + line + "'");
            }
            return new ObjectMapper().readTree(line.substring(command.length()).strip());
        }
    }
}
