package io.istgt.telemetry.sim.server;

import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A unix stream socket that serves each connection in its own thread. Like istgt it removes a stale socket
 * file before binding, and it removes its file again when closed.
 *
 * <p>The threads are platform threads with a small stack, not virtual threads: junixsocket 2.11.1 parks a
 * virtual thread blocked in accept or read on its {@code VirtualThreadPollerNaive}, whose pool of as many
 * threads as cores blocks in poll(2) per socket, so more idle sockets than cores starve every other one (three
 * listening sockets and ten idle connections already hang on two cores; a thousand listening istgts never
 * answer). Blocking native calls on platform threads scale to thousands of sockets here. Once junixsocket parks
 * virtual threads properly, {@link #thread} is the one place to change.
 */
public final class UnixSocketServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketServer.class);
    /** sun_path is 108 bytes on Linux, including the terminating NUL. */
    private static final int MAX_PATH_BYTES = 107;

    private final Path path;
    private final AFUNIXServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private UnixSocketServer(Path path, AFUNIXServerSocket server, Function<Socket, Runnable> handler) {
        this.path = path;
        this.server = server;
        this.acceptor = thread("accept " + path.getFileName(), () -> acceptLoop(handler));
    }

    /**
     * Binds {@code path} and starts accepting.
     *
     * @param handler makes the session that serves one accepted connection
     */
    public static UnixSocketServer start(Path path, Function<Socket, Runnable> handler) {
        Path absolute = path.toAbsolutePath();
        int length = absolute.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw new IllegalArgumentException("unix socket path " + absolute + " is " + length
                    + " bytes long; the limit is " + MAX_PATH_BYTES + ": use a shorter directory");
        }
        try {
            Files.deleteIfExists(absolute);
            AFUNIXServerSocket server = AFUNIXServerSocket.newInstance();
            server.bind(AFUNIXSocketAddress.of(absolute), 128);
            return new UnixSocketServer(absolute, server, handler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on unix socket " + absolute, e);
        }
    }

    public Path path() {
        return path;
    }

    /** Drops every open connection (an istgt restart does); the socket keeps accepting. */
    public void dropConnections() {
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    private void acceptLoop(Function<Socket, Runnable> handler) {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (SocketException e) {
                if (!closed) {
                    LOG.error("accept failed on {}", path, e);
                }
                return;
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                LOG.warn("accept failed on {}, continuing", path, e);
                continue;
            }
            open.add(socket);
            Runnable session = handler.apply(socket);
            thread("ctl " + path.getFileName(), () -> {
                try {
                    session.run();
                } finally {
                    open.remove(socket);
                    closeQuietly(socket);
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("closing unix socket {} failed", path, e);
        }
        dropConnections();
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warn("cannot remove socket file {}", path, e);
        }
    }

    // Accept loops and sessions mostly wait in native calls: a small stack is plenty.
    private static Thread thread(String name, Runnable body) {
        return Thread.ofPlatform().daemon().stackSize(256 * 1024).name(name).start(body);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("closing a connection failed", e);
        }
    }
}
