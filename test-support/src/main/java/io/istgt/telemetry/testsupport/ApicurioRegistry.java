package io.istgt.telemetry.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Apicurio Registry (in-memory storage) running as a child process on free loopback ports, for
 * integration tests that need a schema registry speaking the Confluent API.
 *
 * <pre>{@code
 * ApicurioRegistry registry = ApicurioRegistry.shared();   // one per test JVM, killed when the JVM exits
 * String url = registry.ccompatUrl();                      // http://127.0.0.1:<port>/apis/ccompat/v7
 *
 * try (ApicurioRegistry own = ApicurioRegistry.start()) {  // a private one, e.g. to stop it mid-test
 *     ...
 * }
 * }</pre>
 *
 * <p>The distribution is unpacked when test-support is built; its location comes from the build. Startup waits
 * for {@code /health/ready} on the management port, bounded by {@value #START_TIMEOUT_PROPERTY} seconds
 * (default 120: a loaded 2-core machine is slow to start Quarkus).
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** System property: seconds to wait for the registry to be ready. */
    public static final String START_TIMEOUT_PROPERTY = "istgt.test.registry.startTimeoutSeconds";

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Object SHARED_LOCK = new Object();
    private static ApicurioRegistry shared;

    private final ChildJvm process;
    private final int httpPort;
    private final int managementPort;

    private ApicurioRegistry(ChildJvm process, int httpPort, int managementPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** The registry shared by every test of this JVM, started on first use; closing it is a no-op. */
    public static ApicurioRegistry shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.isRunning()) {
                shared = start();
            }
            return shared;
        }
    }

    /** Starts a private registry; the caller closes it. */
    public static ApicurioRegistry start() {
        ChildJvm.requireJava("Apicurio Registry " + BuildPaths.apicurioVersion());
        Path home = BuildPaths.apicurioHome();
        int httpPort = ChildJvm.freeLoopbackPort();
        int managementPort = ChildJvm.freeLoopbackPort();
        Path log = home.resolveSibling("apicurio-registry-" + httpPort + ".log");
        ChildJvm child = ChildJvm.start("Apicurio Registry on 127.0.0.1:" + httpPort, home, log, List.of(
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-jar", "quarkus-run.jar"));
        ApicurioRegistry registry = new ApicurioRegistry(child, httpPort, managementPort);
        Duration timeout = Duration.ofSeconds(Long.getLong(START_TIMEOUT_PROPERTY, 120));
        child.awaitReady(registry::isReady, timeout, "ready (GET " + registry.readyUrl() + " answering 200)");
        return registry;
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
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The child process's output, to read when a test fails. */
    public Path log() {
        return process.log();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops this registry (no-op for the shared one: it lives as long as the JVM). */
    @Override
    public void close() {
        synchronized (SHARED_LOCK) {
            if (this == shared) {
                return;
            }
        }
        process.stop(STOP_GRACE);
    }

    private String readyUrl() {
        return "http://127.0.0.1:" + managementPort + "/health/ready";
    }

    private boolean isReady() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(readyUrl())).timeout(PROBE_TIMEOUT).GET().build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing " + readyUrl(), e);
        }
    }
}
