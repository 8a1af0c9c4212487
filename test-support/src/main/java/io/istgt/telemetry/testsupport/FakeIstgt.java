package io.istgt.telemetry.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only istgt on a real unix socket. Each accepted connection runs the next queued {@link Script}, or,
 * when none is queued, replays fixture replies the way istgt does: greeting, then for each request line the
 * reply of its command word ({@code ERR unknown command} for a command it has no reply for), {@code OK QUIT}
 * and close on QUIT.
 */
public final class FakeIstgt implements AutoCloseable {

    /** What the fake does on one connection. */
    @FunctionalInterface
    public interface Script {
        void run(Conversation c) throws IOException, InterruptedException;
    }

    /** One accepted connection, seen from the fake's side. */
    public final class Conversation {
        private final SocketChannel channel;
        private final BufferedReader in;
        private final OutputStream out;

        Conversation(SocketChannel channel) {
            this.channel = channel;
            this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            this.out = Channels.newOutputStream(channel);
        }

        /** The next request line without its line end, or null when the client closed. */
        public String readRequest() throws IOException {
            String line = in.readLine();
            if (line != null) {
                requests.add(line.strip());
            }
            return line;
        }

        public void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        public void sendGreeting() throws IOException {
            send(greeting);
        }

        /** Sends a text one byte at a time, {@code pauseMillis} apart: a peer that is alive but too slow. */
        public void drip(String text, long pauseMillis) throws IOException, InterruptedException {
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
                out.flush();
                // the slowness is the peer's behaviour under test, not a wait for anything
                Thread.sleep(pauseMillis);
            }
        }

        /** Waits for the client to close (or the fake to shut down), reading and dropping what it sends. */
        public void awaitClientClose() throws IOException {
            while (in.readLine() != null) {
                // Drain: a stalled istgt still reads.
            }
        }

        /** Replays the fake's fixture replies until QUIT or the client closes. */
        public void replay() throws IOException {
            replay(replies);
        }

        /** Replays {@code replies} (command word to exact reply text) until QUIT or the client closes. */
        public void replay(Map<String, String> replies) throws IOException {
            String line;
            while ((line = readRequest()) != null) {
                String word = line.strip().split(" ", 2)[0].toUpperCase(Locale.ROOT);
                if (word.equals("QUIT")) {
                    send("OK QUIT\r\n");
                    return;
                }
                String reply = replies.get(word);
                send(reply != null ? reply : "ERR unknown command\r\n");
            }
        }
    }

    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private final String greeting;
    private final Map<String, String> replies;
    private final Deque<Script> scripts = new ArrayDeque<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private final List<Throwable> scriptFailures = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    private FakeIstgt(Path path, Map<String, String> replies) throws IOException {
        this.path = path;
        this.greeting = IstgtReplies.greeting();
        this.replies = Map.copyOf(replies);
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        this.acceptor = Thread.ofPlatform().daemon().name("fake-istgt-accept").start(this::acceptLoop);
    }

    /** Listens at {@code path} and replays {@code replies} (command word to exact reply text). */
    public static FakeIstgt start(Path path, Map<String, String> replies) throws IOException {
        return new FakeIstgt(path, replies);
    }

    /** The next connection runs {@code script} instead of a replay; later ones replay again. */
    public synchronized FakeIstgt thenOnNextConnection(Script script) {
        scripts.addLast(script);
        return this;
    }

    public Path path() {
        return path;
    }

    /** Every request line received, in order, over all connections. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    public int connections() {
        return connections.get();
    }

    /** Failures of scripts other than the client going away; a test may assert there were none. */
    public List<Throwable> scriptFailures() {
        return List.copyOf(scriptFailures);
    }

    /** Closes every open connection from the fake's side, as istgt does to an idle one or when it dies. */
    public void dropConnections() throws IOException {
        for (SocketChannel c : open) {
            c.close();
        }
    }

    private synchronized Script nextScript() {
        Script s = scripts.pollFirst();
        return s != null ? s : c -> {
            c.sendGreeting();
            c.replay();
        };
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException closed) {
                return;
            }
            connections.incrementAndGet();
            open.add(channel);
            Script script = nextScript();
            Thread.ofPlatform().daemon().name("fake-istgt-conn").start(() -> serve(channel, script));
        }
    }

    private void serve(SocketChannel channel, Script script) {
        try (channel) {
            script.run(new Conversation(channel));
        } catch (IOException clientGone) {
            // The client closing on a misbehaving fake is the expected end of most scripts.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            scriptFailures.add(e);
        } finally {
            open.remove(channel);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (SocketChannel c : open) {
            c.close();
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(path);
    }
}
