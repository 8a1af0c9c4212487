package io.istgt.telemetry.sim;

import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A raw client of a control socket for tests: sends bytes, returns every byte the server sent. */
final class ControlClient implements AutoCloseable {

    private final AFUNIXSocket socket;

    private ControlClient(AFUNIXSocket socket) {
        this.socket = socket;
    }

    static ControlClient connect(Path path) {
        try {
            AFUNIXSocket socket = AFUNIXSocket.connectTo(AFUNIXSocketAddress.of(path));
            socket.setSoTimeout(10_000);
            return new ControlClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + path, e);
        }
    }

    /** Sends {@code request} and reads until the server closes the connection (it does after QUIT). */
    static String converse(Path path, String request) {
        try (ControlClient client = connect(path)) {
            client.send(request);
            return client.readToEnd();
        }
    }

    void send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void shutdownOutput() {
        try {
            socket.getChannel().shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one line including its CRLF. */
    String readLine() {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                line.write(b);
                if (b == '\n') {
                    break;
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String readToEnd() {
        try {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what arrives within {@code wait}; returns it without failing on the timeout. */
    String readFor(Duration wait) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            socket.setSoTimeout((int) wait.toMillis());
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                got.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return got.toString(StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    InputStream input() {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
