package io.istgt.telemetry.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1: a free one, or a check that a chosen one is free before a child process binds it. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A loopback port nothing listens on right now (the caller's child binds it shortly after). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /**
     * {@code port} itself when it is free on 127.0.0.1, a free port when it is 0.
     *
     * @throws PortInUseException when something already listens there, naming {@code what} wanted it
     */
    public static int requireFree(int port, String what) {
        if (port == 0) {
            return free();
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(what + ": port " + port + " is not a TCP port (1-65535, or 0 for any free one)");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return port;
        } catch (BindException e) {
            throw new PortInUseException(port, what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check whether port " + port + " is free for " + what, e);
        }
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port} now. */
    public static boolean isListening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
