package io.istgt.telemetry.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Debian's {@code prometheus-alertmanager} (0.25) as a child process on 127.0.0.1, with a given configuration and a
 * directory of its own (the configuration, {@code data/}, {@code alertmanager.log}), without gossip
 * ({@code --cluster.listen-address=}).
 *
 * <pre>{@code
 * try (AlertmanagerServer am = AlertmanagerServer.builder().dir(dir).config(yaml).start()) {
 *     forwarderSettings.put("alertmanager.urls", am.url());   // http://127.0.0.1:<port>
 *     am.stop();       // SIGTERM: it writes its silences and notification log to data/ first
 *     am.restart();    // same port, same data: the alerts themselves are gone (it keeps none)
 * }
 * }</pre>
 *
 * <p>Ready means {@code GET /-/ready} answers 200. It is not a JVM, so the {@link ParentWatch} agent cannot go in
 * it: a shutdown hook stops it when this JVM exits (normally, Ctrl-C, SIGTERM), not when this JVM is killed -9.
 * Where {@code setsid} exists it runs in a session of its own, as {@link ChildJvm}'s children do, so a Ctrl-C at
 * the terminal reaches only this JVM, which decides the order things stop in.
 */
public final class AlertmanagerServer implements AutoCloseable {

    /** Where Debian's package installs it. */
    public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    /** What to run when it is missing. */
    public static final String INSTALL = "sudo apt-get install prometheus-alertmanager";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final Path binary;
    private final Path dir;
    private final int port;
    private final Secured secured;
    private final Duration startTimeout;
    private final HttpClient probe;
    /** The running process; its session, log, readiness wait and stop are {@link ChildJvm}'s. */
    private ChildJvm child;

    /** HTTPS through a {@code --web.config.file}; the readiness probe's TLS context and Authorization header. */
    private record Secured(Path webConfig, SSLContext tls, Optional<String> authorization) {
    }

    private AlertmanagerServer(Path binary, Path dir, int port, Secured secured, Duration startTimeout) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.secured = secured;
        this.startTimeout = startTimeout;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT);
        if (secured != null) {
            http.sslContext(secured.tls());
        }
        this.probe = http.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether Debian's binary is installed ({@value #INSTALL} when not). */
    public static boolean installed() {
        return whyNotInstalled().isEmpty();
    }

    /** Why Debian's binary cannot run here (missing, and what to install), or empty when it can. */
    public static Optional<String> whyNotInstalled() {
        return missing(BINARY);
    }

    private static Optional<String> missing(Path binary) {
        return Files.isExecutable(binary) ? Optional.empty()
                : Optional.of(binary + " is missing: install Debian's prometheus-alertmanager (" + INSTALL + ")");
    }

    /** {@code http(s)://127.0.0.1:<port>}: what the forwarder is given, the same across {@link #restart()}. */
    public String url() {
        return (secured == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** The directory holding {@code alertmanager.yml}, {@code data/} and the log. */
    public Path dir() {
        return dir;
    }

    /** Its output (appended to across restarts). */
    public Path log() {
        return dir.resolve("alertmanager.log");
    }

    /** The running process, if any. */
    public synchronized Optional<ProcessHandle> process() {
        return child == null ? Optional.empty() : Optional.of(child.handle());
    }

    public synchronized boolean isRunning() {
        return child != null && child.isAlive();
    }

    /** Stops it (SIGTERM, SIGKILL after 15 s); its data directory is kept for {@link #restart()}. */
    public synchronized void stop() {
        if (child != null) {
            child.stop(STOP_GRACE);
        }
    }

    /** Starts a stopped one again on the same port and data directory, and waits until it is ready. */
    public synchronized void restart() {
        if (isRunning()) {
            throw new IllegalStateException("Alertmanager on " + url() + " still runs: stop() it first");
        }
        launch();
    }

    /** Stops it; its directory is left to whoever made it. */
    @Override
    public void close() {
        stop();
    }

    private synchronized void launch() {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--config.file=" + dir.resolve("alertmanager.yml"), "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--log.level=info"));
        if (secured != null) {
            command.add("--web.config.file=" + secured.webConfig());
        }
        try {
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make Alertmanager's data directory in " + dir, e);
        }
        child = ChildJvm.startProgram("Alertmanager", dir, log(), command);
        child.awaitReady(this::isReady, startTimeout, "ready");
    }

    private boolean isReady() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(PROBE_TIMEOUT).GET();
        if (secured != null) {
            secured.authorization().ifPresent(value -> request.header("Authorization", value));
        }
        try {
            return probe.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + url() + "/-/ready", e);
        }
    }

    /** The last lines of its output, for error messages. */
    public String logTail() {
        return child == null ? "(not started)" : child.logTail();
    }

    /** How to run it; {@link #start()} writes the configuration, starts it and waits until it is ready. */
    public static final class Builder {
        private Path binary = BINARY;
        private Path dir;
        private String config;
        private int port;
        private Secured secured;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Where its configuration, {@code data/} and log go; required. Kept on close. */
        public Builder dir(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
            return this;
        }

        /** The configuration ({@code alertmanager.yml}'s text); required. */
        public Builder config(String yaml) {
            this.config = Objects.requireNonNull(yaml, "yaml");
            return this;
        }

        /** The port on 127.0.0.1; default 0: a free one. A taken port fails {@link #start()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The binary; default {@link #BINARY}. */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /**
         * Serves HTTPS through its {@code --web.config.file} (TLS, client certificates, basic auth); the readiness
         * probe connects with {@code tls} and sends {@code authorization} (an {@code Authorization} header value)
         * when there is one. Default plain HTTP.
         */
        public Builder webConfig(Path webConfigFile, SSLContext tls, Optional<String> authorization) {
            this.secured = new Secured(Objects.requireNonNull(webConfigFile, "webConfigFile").toAbsolutePath(),
                    Objects.requireNonNull(tls, "tls"), Objects.requireNonNull(authorization, "authorization"));
            return this;
        }

        /** How long to wait for {@code /-/ready}; default 60 s. */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Writes {@code alertmanager.yml} into the directory, starts Alertmanager and waits until it is ready.
         *
         * @throws PortInUseException when a given port is taken
         * @throws IllegalStateException when the binary is missing (naming the package), or it exits or is not
         *         ready in time (with its output)
         */
        public AlertmanagerServer start() {
            if (dir == null || config == null) {
                throw new IllegalArgumentException("Alertmanager needs a dir(...) and a config(...)");
            }
            Optional<String> missing = missing(binary);
            if (missing.isPresent()) {
                throw new IllegalStateException(missing.get());
            }
            int chosen = LoopbackPorts.requireFree(port, "Alertmanager");
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("alertmanager.yml"), config, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write Alertmanager's configuration into " + dir, e);
            }
            AlertmanagerServer server = new AlertmanagerServer(binary, dir, chosen, secured, startTimeout);
            server.launch();
            return server;
        }
    }
}
