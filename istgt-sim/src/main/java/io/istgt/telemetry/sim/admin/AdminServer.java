package io.istgt.telemetry.sim.admin;

import io.istgt.telemetry.sim.Emulator;
import io.istgt.telemetry.sim.event.EventLine;
import io.istgt.telemetry.sim.server.UnixSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The admin socket: a line protocol to trigger events while the emulator runs. Each line is an event in the
 * scenario syntax without its time ({@code vol1 replica-disconnect 6162}); the answer is {@code OK} or
 * {@code ERR <why>}. {@code help} lists the events, {@code quit} closes the connection.
 */
public final class AdminServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final UnixSocketServer server;

    private AdminServer(UnixSocketServer server) {
        this.server = server;
    }

    public static AdminServer start(Path socket, Emulator emulator) {
        return new AdminServer(UnixSocketServer.start(socket, s -> () -> serve(s, emulator)));
    }

    public Path path() {
        return server.path();
    }

    private static void serve(Socket socket, Emulator emulator) {
        try (socket;
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                     StandardCharsets.UTF_8))) {
            OutputStream out = socket.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                String request = line.strip();
                if (request.isEmpty()) {
                    continue;
                }
                if (request.equalsIgnoreCase("quit")) {
                    write(out, "OK");
                    return;
                }
                if (request.equalsIgnoreCase("help")) {
                    for (String synopsis : EventLine.SYNOPSIS) {
                        write(out, "VOLUME|* " + synopsis);
                    }
                    write(out, "OK");
                    continue;
                }
                write(out, answer(emulator, request));
            }
        } catch (IOException e) {
            LOG.debug("admin connection ended", e);
        }
    }

    private static String answer(Emulator emulator, String request) {
        try {
            emulator.apply(request);
            LOG.info("admin: {}", request);
            return "OK";
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.info("admin: {} refused: {}", request, e.getMessage());
            return "ERR " + e.getMessage().replace('\n', ' ');
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        server.close();
    }
}
