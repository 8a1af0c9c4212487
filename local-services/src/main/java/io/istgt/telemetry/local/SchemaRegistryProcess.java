package io.istgt.telemetry.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real Apicurio Registry (in-memory storage) in its own JVM, listening on 127.0.0.1 only: its API port and
 * its management port (health), which would otherwise listen on every interface.
 *
 * <pre>{@code
 * try (SchemaRegistryProcess registry = SchemaRegistryProcess.builder().httpPort(8081).log(logFile).start()) {
 *     serdeProps.put("schema.registry.url", registry.ccompatUrl());   // http://127.0.0.1:8081/apis/ccompat/v7
 * }
 * }</pre>
 *
 * <p>Ready means {@code GET /health/ready} on the management port answers 200. The distribution is the one
 * unpacked when local-services was built ({@link LocalDistribution#apicurioHome()}).
 *
 * <p>With {@link Builder#tls(Path, String)} the API is served over HTTPS only (Quarkus'
 * {@code quarkus.http.insecure-requests=disabled}): {@link #baseUrl()} is then {@code https://127.0.0.1:<port>}. The
 * management port stays plain HTTP on loopback, for the readiness probe.
 */
public final class SchemaRegistryProcess implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final ChildJvm process;
    private final int httpPort;
    private final int managementPort;
    private final boolean tls;

    private SchemaRegistryProcess(ChildJvm process, int httpPort, int managementPort, boolean tls) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.tls = tls;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL of the Confluent-compatible API, what a {@code schema.registry.url} points at. */
    public String ccompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** Base URL of Apicurio's own v3 API (for Apicurio's serdes). */
    public String apicurioV3Url() {
        return baseUrl() + "/apis/registry/v3";
    }

    public String baseUrl() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + httpPort;
    }

    /** The API port: plain HTTP, or HTTPS when started with {@link Builder#tls(Path, String)}. */
    public int httpPort() {
        return httpPort;
    }

    public int managementPort() {
        return managementPort;
    }

    /** The child process's output. */
    public Path log() {
        return process.log();
    }

    public ProcessHandle process() {
        return process.handle();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the registry process tree (SIGTERM, SIGKILL after 10 s); its schemas are gone with it. */
    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }

    private static String readyUrl(int managementPort) {
        return "http://127.0.0.1:" + managementPort + "/health/ready";
    }

    private static boolean isReady(int managementPort) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(readyUrl(managementPort))).timeout(PROBE_TIMEOUT)
                .GET().build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + readyUrl(managementPort), e);
        }
    }

    /** How to run the registry; {@link #start()} starts it and waits until it is ready. */
    public static final class Builder {
        private int httpPort;
        private int managementPort;
        private Path home;
        private Path log;
        private List<String> javaOptions = List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        private Duration startTimeout = Duration.ofSeconds(120);
        private Path tlsKeyStore;
        private String tlsKeyStorePassword;

        private Builder() {
        }

        /**
         * Serves the API over HTTPS only, with the key and certificate of a PKCS12 key store; default plain HTTP.
         */
        public Builder tls(Path pkcs12KeyStore, String password) {
            this.tlsKeyStore = Objects.requireNonNull(pkcs12KeyStore, "pkcs12KeyStore").toAbsolutePath();
            this.tlsKeyStorePassword = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The API port on 127.0.0.1; default 0: a free one. A taken port fails {@link #start()}. */
        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** The management (health) port on 127.0.0.1; default 0: a free one. */
        public Builder managementPort(int managementPort) {
            this.managementPort = managementPort;
            return this;
        }

        /** The unpacked distribution; default the one local-services was built with. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** Where the process's output goes; default {@code apicurio-registry-<port>.log} beside the distribution. */
        public Builder log(Path log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /** JVM options; default {@code -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} (quick start, small). */
        public Builder javaOptions(List<String> javaOptions) {
            this.javaOptions = List.copyOf(javaOptions);
            return this;
        }

        /** How long to wait for {@code /health/ready}; default 120 s (Quarkus is slow to start on a busy 2-core machine). */
        public Builder startTimeout(Duration startTimeout) {
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
            }
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * Starts the registry and waits until it is ready.
         *
         * @throws PortInUseException when a given port is taken
         * @throws IllegalStateException when this JVM is older than Java 21, the distribution is missing, or the
         *         registry fails or is not ready in time (with its output)
         */
        public SchemaRegistryProcess start() {
            String what = "Apicurio Registry " + LocalDistribution.apicurioVersion();
            ChildJvm.requireJava(what);
            Path dist = home != null ? LocalDistribution.requireUnpacked(home) : LocalDistribution.apicurioHome();
            if (httpPort != 0 && httpPort == managementPort) {
                throw new IllegalArgumentException("the registry's API port and management port must differ, both are "
                        + httpPort);
            }
            int api = LoopbackPorts.requireFree(httpPort, "the schema registry");
            int management = LoopbackPorts.requireFree(managementPort, "the schema registry's management (health) endpoint");
            while (management == api) {
                management = LoopbackPorts.free();
            }
            List<String> args = new ArrayList<>(javaOptions);
            args.add("-Dquarkus.http.host=127.0.0.1");
            if (tlsKeyStore != null) {
                args.addAll(List.of(
                        "-Dquarkus.http.ssl-port=" + api,
                        "-Dquarkus.http.insecure-requests=disabled"));
            } else {
                args.add("-Dquarkus.http.port=" + api);
            }
            args.addAll(List.of(
                    "-Dquarkus.management.host=127.0.0.1",
                    "-Dquarkus.management.port=" + management,
                    "-jar", "quarkus-run.jar"));
            Path output = log != null ? log : dist.resolveSibling("apicurio-registry-" + api + ".log");
            // The key store through the environment (Quarkus reads QUARKUS_* variables): its password stays out of
            // the command line, which a failed start prints.
            Map<String, String> environment = tlsKeyStore == null ? Map.of() : Map.of(
                    "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE", tlsKeyStore.toString(),
                    "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_FILE_TYPE", "PKCS12",
                    "QUARKUS_HTTP_SSL_CERTIFICATE_KEY_STORE_PASSWORD", tlsKeyStorePassword);
            ChildJvm child = ChildJvm.start(what + " on 127.0.0.1:" + api + (tlsKeyStore != null ? " (https)" : ""),
                    dist, output, args, environment);
            int readyPort = management;
            try {
                child.awaitReady(() -> isReady(readyPort), startTimeout,
                        "ready (GET " + readyUrl(management) + " answering 200)");
            } catch (RuntimeException e) {
                child.kill();
                throw e;
            }
            return new SchemaRegistryProcess(child, api, management, tlsKeyStore != null);
        }
    }
}
