package io.istgt.telemetry.testsupport;

import io.istgt.telemetry.local.SchemaRegistryProcess;
import java.nio.file.Path;
import java.time.Duration;

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
 *
 * TestCertificates ca = TestCertificates.authority(dir);
 * try (ApicurioRegistry tls = ApicurioRegistry.startTls(ca.keyStore("registry"), ca.password())) {
 *     String url = tls.ccompatUrl();                       // https://127.0.0.1:<port>/apis/ccompat/v7, https only
 * }
 * }</pre>
 *
 * <p>A thin test-facing wrapper of local-services' {@link SchemaRegistryProcess}: the distribution is the one
 * unpacked when local-services is built. Startup waits
 * for {@code /health/ready} on the management port, bounded by {@value #START_TIMEOUT_PROPERTY} seconds
 * (default 120: a loaded 2-core machine is slow to start Quarkus).
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** System property: seconds to wait for the registry to be ready. */
    public static final String START_TIMEOUT_PROPERTY = "istgt.test.registry.startTimeoutSeconds";

    private static final Object SHARED_LOCK = new Object();
    private static ApicurioRegistry shared;

    private final SchemaRegistryProcess process;

    private ApicurioRegistry(SchemaRegistryProcess process) {
        this.process = process;
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
        return new ApicurioRegistry(SchemaRegistryProcess.builder()
                .startTimeout(Duration.ofSeconds(Long.getLong(START_TIMEOUT_PROPERTY, 120)))
                .start());
    }

    /** Starts a private registry serving its API over HTTPS only, with the key and certificate of a PKCS12 store. */
    public static ApicurioRegistry startTls(Path pkcs12KeyStore, String password) {
        return new ApicurioRegistry(SchemaRegistryProcess.builder()
                .startTimeout(Duration.ofSeconds(Long.getLong(START_TIMEOUT_PROPERTY, 120)))
                .tls(pkcs12KeyStore, password)
                .start());
    }

    /** Base URL of the Confluent-compatible API, what a {@code schema.registry.url} points at. */
    public String ccompatUrl() {
        return process.ccompatUrl();
    }

    /** Base URL of Apicurio's own v3 API (for Apicurio's serdes). */
    public String apicurioV3Url() {
        return process.apicurioV3Url();
    }

    public String baseUrl() {
        return process.baseUrl();
    }

    public int httpPort() {
        return process.httpPort();
    }

    /** The child process's output, to read when a test fails. */
    public Path log() {
        return process.log();
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    /** Stops this registry (no-op for the shared one: it lives as long as the JVM). */
    @Override
    public void close() {
        synchronized (SHARED_LOCK) {
            if (this == shared) {
                return;
            }
        }
        process.close();
    }
}
