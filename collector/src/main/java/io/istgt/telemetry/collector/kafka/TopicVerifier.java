package io.istgt.telemetry.collector.kafka;

import io.istgt.telemetry.schemas.KafkaRefusal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the collector's topics if missing (unless told only to check), then checks every one against its
 * {@link TopicSpec}: partitions, replication factor, cleanup policy, retention (conflicts fail the start) and
 * compression (a warning).
 */
public final class TopicVerifier {

    private static final Logger log = LoggerFactory.getLogger(TopicVerifier.class);

    private final Admin admin;
    private final Duration timeout;
    private final TopicCheck.TopicKeys keys;
    private final String principal;

    /**
     * @param timeout bound of each admin request; Kafka unreachable for longer fails the start
     * @param partitionsKey the setting of the topics' partitions (and so on), named in error messages
     */
    private static final Duration METADATA_RETRY = Duration.ofMillis(100);

    /** @param principal who the admin client is, as {@code KafkaRefusal.principal} names it */
    public TopicVerifier(Admin admin, String principal, Duration timeout, String partitionsKey,
                         String replicationFactorKey, String retentionKey, String compressionKey) {
        this.principal = Objects.requireNonNull(principal, "principal");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.keys = new TopicCheck.TopicKeys(partitionsKey, replicationFactorKey, retentionKey, compressionKey);
    }

    /**
     * @param create whether a missing topic is created
     * @throws TopicConflictException naming every problem found, and what to do about it
     * @throws KafkaUnavailableException when Kafka does not answer within the timeout
     * @throws KafkaRefusedException     when Kafka refuses the collector (ACLs, credentials)
     */
    public void verify(List<TopicSpec> topics, boolean create)
            throws TopicConflictException, KafkaUnavailableException, KafkaRefusedException, InterruptedException {
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        Map<String, Optional<TopicDescription>> existing = describe(names);
        List<String> problems = new ArrayList<>();
        List<NewTopic> toCreate = new ArrayList<>();
        for (TopicSpec spec : topics) {
            if (existing.get(spec.name()).isEmpty()) {
                if (create) {
                    toCreate.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), spec.replicationFactor())
                            .configs(spec.configs()));
                } else {
                    problems.add("topic " + spec.name() + " does not exist and topic creation is off"
                            + " (no-create-topics): create it (cleanup.policy=delete, " + spec.partitions()
                            + " partitions, retention.ms=" + spec.retentionMs() + ") or let the collector create it");
                }
            }
        }
        if (!toCreate.isEmpty()) {
            create(toCreate);
        }
        for (TopicSpec spec : topics) {
            if (existing.get(spec.name()).isEmpty() && !create) {
                continue;
            }
            TopicDescription d = describeOnceListed(spec.name());
            TopicCheck.Result result = TopicCheck.check(spec, new TopicCheck.Found(d.partitions().size(),
                    (short) d.partitions().getFirst().replicas().size(), configs(spec.name())), keys);
            result.warnings().forEach(w -> log.warn("{}", w));
            problems.addAll(result.conflicts());
        }
        if (!problems.isEmpty()) {
            throw new TopicConflictException(problems);
        }
        log.info("topics {} are ready", names);
    }

    /**
     * A topic just created is not at once in the metadata of the broker answering (KRaft propagates it from
     * the controller), so ask again, briefly, until it is or the timeout has passed.
     */
    private TopicDescription describeOnceListed(String name) throws KafkaUnavailableException, KafkaRefusedException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TopicDescription> d = describe(List.of(name)).get(name);
            if (d.isPresent()) {
                return d.get();
            }
            if (System.nanoTime() >= deadline) {
                throw new KafkaUnavailableException("topic " + name + " was created but Kafka still does not list it after "
                        + timeout.toMillis() + " ms");
            }
            Thread.sleep(METADATA_RETRY.toMillis());
        }
    }

    private Map<String, Optional<TopicDescription>> describe(List<String> names)
            throws KafkaUnavailableException, KafkaRefusedException,
            InterruptedException {
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(names).topicNameValues();
        Map<String, Optional<TopicDescription>> found = new java.util.LinkedHashMap<>();
        for (String name : names) {
            try {
                found.put(name, Optional.of(futures.get(name).get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw unavailable("describe topic " + name, e.getCause());
                }
                found.put(name, Optional.empty());
            } catch (TimeoutException e) {
                throw unavailable("describe topic " + name, e);
            }
        }
        return found;
    }

    private void create(List<NewTopic> topics) throws KafkaUnavailableException, KafkaRefusedException,
            InterruptedException {
        Map<String, KafkaFuture<Void>> futures = admin.createTopics(topics).values();
        for (NewTopic topic : topics) {
            try {
                futures.get(topic.name()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("created topic {} with {} partitions, replication factor {}, configs {}", topic.name(),
                        topic.numPartitions(), topic.replicationFactor() < 0 ? "(broker default)"
                                : topic.replicationFactor(), topic.configs());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw unavailable("create topic " + topic.name(), e.getCause());
                }
                // Another collector created it meanwhile: it is checked like any existing topic.
            } catch (TimeoutException e) {
                throw unavailable("create topic " + topic.name(), e);
            }
        }
    }

    private Map<String, String> configs(String topic) throws KafkaUnavailableException, KafkaRefusedException,
            InterruptedException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try {
            Config config = admin.describeConfigs(List.of(resource)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
            return config.entries().stream().filter(e -> e.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        } catch (ExecutionException e) {
            throw unavailable("read the configs of topic " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw unavailable("read the configs of topic " + topic, e);
        }
    }

    /** The failure as an outage to wait out; a refusal is thrown as what it is. */
    private KafkaUnavailableException unavailable(String what, Throwable cause) throws KafkaRefusedException {
        Optional<String> refused = KafkaRefusal.describe(cause, what, principal);
        if (refused.isPresent()) {
            throw new KafkaRefusedException(refused.get(), cause);
        }
        String why = cause instanceof TimeoutException ? "no answer" : cause.getMessage() == null
                ? cause.getClass().getSimpleName() : cause.getMessage();
        return new KafkaUnavailableException("cannot " + what + " within " + timeout.toMillis() + " ms: " + why
                + " (is Kafka running at the address given, and reachable from here? A listener that needs TLS or SASL"
                + " looks the same to a client without security.protocol and its settings in --producer-config)", cause);
    }
}
