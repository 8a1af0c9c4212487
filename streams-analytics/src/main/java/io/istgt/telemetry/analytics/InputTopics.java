package io.istgt.telemetry.analytics;

import io.istgt.telemetry.schemas.KafkaRefusal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The status topics the analytics read, which the collector creates at its first delivery: on a new cluster the
 * analytics may well start first. Kafka Streams started without its source topics fails every rebalance with
 * {@code MissingSourceTopicException} (an ERROR and a replaced thread each time) and says only that it is
 * rebalancing; so the app starts Streams once they exist and says meanwhile what it waits for.
 */
final class InputTopics implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final List<String> names;
    private final String principal;

    InputTopics(Admin admin, List<String> names, String principal) {
        this.admin = admin;
        this.names = List.copyOf(names);
        this.principal = principal;
    }

    /** The input topics that do not exist yet (or that this principal may not see), empty when all do. */
    List<String> missing() throws InterruptedException {
        Set<String> existing;
        try {
            existing = admin.listTopics().names().get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(KafkaRefusal.describe(e.getCause(), "list topics", principal)
                    .orElse("cannot list topics: " + e.getCause().getMessage()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not list its topics within " + REQUEST_TIMEOUT.toSeconds()
                    + " s (is it running at bootstrap.servers, and reachable from here? A listener that needs TLS or SASL"
                    + " looks the same to a client without security.protocol and its settings in --config)", e);
        }
        return names.stream().filter(n -> !existing.contains(n)).toList();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** What the app waits for, said once in the log and in readiness while it lasts. */
    static Optional<String> waitingFor(List<String> missing) {
        return missing.isEmpty() ? Optional.empty() : Optional.of("waiting for topic" + (missing.size() > 1 ? "s " : " ")
                + String.join(", ", missing) + " to exist: the collector creates them at its first delivery (or create"
                + " them ahead, with the DESCRIBE ACL for this principal); Kafka Streams starts once they do");
    }
}
