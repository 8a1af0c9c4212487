package io.istgt.telemetry.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A TCP gate in front of the real registry, for outage tests: open, it forwards each connection to the registry;
 * shut, it cuts the connections it forwards and hangs up on new ones at once (counting them), as a registry that
 * is down would. A port of its own, so the client under test keeps one URL through the outage.
 */
final class RegistryGate implements AutoCloseable {

    private final ServerSocket server;
    private final int registryPort;
    private final Set<Socket> forwarded = ConcurrentHashMap.newKeySet();
    private volatile boolean open;
    private int refused; // guarded by this

    RegistryGate(int registryPort) throws IOException {
        this.registryPort = registryPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("registry-gate").start(this::accept);
    }

    /** The registry's URL with the gate's port instead of its own. */
    String url(String registryUrl) {
        return registryUrl.replace(":" + registryPort + "/", ":" + server.getLocalPort() + "/");
    }

    void open() {
        open = true;
    }

    void shut() {
        open = false;
        forwarded.forEach(RegistryGate::closeQuietly);
    }

    /** Waits until {@code count} connections in all were refused while shut (at most a minute). */
    synchronized void awaitRefused(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (refused < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("only " + refused + " of " + count + " connections tried within a minute");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private synchronized void countRefused() {
        refused++;
        notifyAll();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!open) {
                    client.close();
                    countRefused();
                    continue;
                }
                Socket registry = new Socket(InetAddress.getLoopbackAddress(), registryPort);
                forwarded.add(client);
                forwarded.add(registry);
                pipe(client, registry);
                pipe(registry, client);
            } catch (IOException e) {
                // the gate closed, or the registry refused: the client sees its connection end either way
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // cut by shut() or by either end
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                forwarded.remove(from);
                forwarded.remove(to);
            }
        });
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        shut();
        server.close();
    }
}
