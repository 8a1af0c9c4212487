package io.istgt.telemetry.local;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Waits, bounded, until a broker answers a metadata request. */
public final class BrokerProbe {

    private static final int PROBE_TIMEOUT_MS = 1_000;

    private BrokerProbe() {
    }

    /**
     * Polls {@code bootstrapServers} with describeCluster until a broker answers; {@code stillStarting} turning
     * false (e.g. the process died) ends the wait early.
     */
    public static void awaitAnswering(String bootstrapServers, Duration timeout, BooleanSupplier stillStarting, String what) {
        awaitAnswering(bootstrapServers, Map.of(), timeout, stillStarting, what);
    }

    /**
     * As {@link #awaitAnswering(String, Duration, BooleanSupplier, String)}, connecting with {@code clientSettings}
     * (a secured listener's {@code security.protocol}, credentials, trust store).
     */
    public static void awaitAnswering(String bootstrapServers, Map<String, ?> clientSettings, Duration timeout,
                                      BooleanSupplier stillStarting, String what) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = new HashMap<>(clientSettings);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!stillStarting.getAsBoolean()) {
                    throw new IllegalStateException(what + " stopped before answering on " + bootstrapServers);
                }
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS))
                            .nodes().get(PROBE_TIMEOUT_MS * 2L, TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException | TimeoutException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(what + " did not answer on " + bootstrapServers
                                + " within " + timeout, notYet);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what + " on " + bootstrapServers, e);
        }
    }
}
