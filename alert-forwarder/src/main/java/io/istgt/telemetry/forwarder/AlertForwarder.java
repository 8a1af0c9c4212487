package io.istgt.telemetry.forwarder;

import io.istgt.telemetry.forwarder.ChangeQueue.Change;
import io.istgt.telemetry.schemas.Alert;
import io.istgt.telemetry.schemas.AlertKey;
import io.istgt.telemetry.schemas.KafkaRefusal;
import io.istgt.telemetry.schemas.KafkaSettings;
import io.istgt.telemetry.schemas.serde.AvroDeserializer;
import io.istgt.telemetry.schemas.serde.AvroSerdeConfig;
import io.istgt.telemetry.schemas.serde.SchemaRegistryClient;
import io.istgt.telemetry.schemas.serde.SchemaRegistryUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the analytics' alerts and hands them to one {@link TargetSender} per Alertmanager; commits an offset of
 * {@code istgt.alerts} only once every Alertmanager has answered the changes up to it.
 *
 * <pre>{@code
 * ForwarderMetrics metrics = new ForwarderMetrics();
 * try (AlertForwarder forwarder = AlertForwarder.start(settings, metrics, InstantSource.system())) {
 *     forwarder.notReadyWhy();   // Optional["Alertmanager http://am:9093: cannot reach ..."]
 * }
 * }</pre>
 *
 * <p>At start it reads {@code istgt.alerts.active} from its beginning (assigned, no group) to know what fires now,
 * and only then starts the senders, whose first act is to send all of it; it keeps reading that topic after. The
 * changes are read in a consumer group, read_committed, without auto commit: after a crash they are read again
 * from the last offset every Alertmanager had answered, so a RESOLVED that was not delivered is delivered then.
 */
public final class AlertForwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertForwarder.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration KAFKA_CHECK_EVERY = Duration.ofSeconds(5);
    private static final Duration KAFKA_CALL_TIMEOUT = Duration.ofSeconds(10);
    /** How far before its start a new group reads the changes: producers' clocks differ a little from ours. */
    private static final Duration PRODUCER_CLOCK_SLACK = Duration.ofMinutes(1);

    private final ForwarderConfig config;
    private final Map<String, Object> consumerSettings;
    private final SchemaRegistryClient registry;
    private final FiringSet firing = new FiringSet();
    private final List<TargetSender> senders = new ArrayList<>();
    private final KafkaConsumer<AlertKey, Alert> active;
    private final KafkaConsumer<AlertKey, Alert> changes;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Thread thread;
    private final Instant startedAt;
    private volatile boolean closing;
    private volatile boolean rebuilt;
    private volatile Optional<String> kafkaProblem = Optional.empty();
    private volatile long behind;
    private volatile Throwable died;

    private AlertForwarder(ForwarderConfig config, Map<String, Object> settings, ForwarderMetrics metrics,
                           InstantSource clock) {
        this.config = config;
        this.startedAt = clock.instant();
        this.registry = new AvroSerdeConfig(settings).createClient();
        this.consumerSettings = KafkaSettings.forClient(settings, ConsumerConfig.configNames());
        consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerSettings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        Map<String, Object> activeSettings = new HashMap<>(consumerSettings);
        activeSettings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        activeSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, "istgt-alert-forwarder-active");
        activeSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, Object> changeSettings = new HashMap<>(consumerSettings);
        changeSettings.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        changeSettings.put(ConsumerConfig.CLIENT_ID_CONFIG, "istgt-alert-forwarder-changes");
        // A new group starts at the forwarder's start (see Rebalance): what fired before comes from the active topic.
        changeSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.active = new KafkaConsumer<>(activeSettings, deserializer(AlertKey.class, true, settings),
                deserializer(Alert.class, false, settings));
        this.changes = new KafkaConsumer<>(changeSettings, deserializer(AlertKey.class, true, settings),
                deserializer(Alert.class, false, settings));
        AlertMapping mapping = config.mapping();
        SendSettings send = config.sendSettings();
        AlertmanagerAuth auth = config.auth();
        var ssl = config.sslContext();
        for (var url : config.urls()) {
            senders.add(new TargetSender(new AlertmanagerClient(url, auth, ssl, config.timeout()), mapping,
                    firing::snapshot, send, metrics, clock));
        }
        metrics.watchFiring(firing::size);
        metrics.watchBehind(() -> behind);
        this.thread = Thread.ofPlatform().name("alert-forwarder-kafka").unstarted(this::run);
    }

    /** Starts reading and sending; fails at once, naming the key, on a bad configuration. */
    public static AlertForwarder start(Map<String, Object> settings, ForwarderMetrics metrics, InstantSource clock) {
        AlertForwarder forwarder = new AlertForwarder(new ForwarderConfig(settings), settings, metrics, clock);
        forwarder.thread.start();
        return forwarder;
    }

    private <T extends org.apache.avro.specific.SpecificRecord> AvroDeserializer<T> deserializer(
            Class<T> type, boolean isKey, Map<String, Object> settings) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(registry, type);
        deserializer.configure(settings, isKey);
        return deserializer;
    }

    /** Why the forwarder is not ready (which Alertmanager fails and how, Kafka, the start), or empty. */
    public Optional<String> notReadyWhy() {
        if (died != null) {
            // a refusal (a missing ACL, credentials not accepted) is said as one: restarting will not help
            return Optional.of(KafkaRefusal.describe(died, "read " + config.alertsTopic() + " as group "
                            + config.groupId(), KafkaRefusal.principal(consumerSettings))
                    .map(refused -> "reading Kafka stopped: " + refused)
                    .orElse("reading Kafka stopped on an unexpected error: " + died));
        }
        if (kafkaProblem.isPresent()) {
            return kafkaProblem;
        }
        if (!rebuilt) {
            return Optional.of("reading " + config.activeAlertsTopic() + " to know what fires now");
        }
        String failing = senders.stream().filter(s -> s.failing().isPresent())
                .map(s -> "Alertmanager " + s.name() + ": " + s.failing().get()).collect(Collectors.joining("; "));
        return failing.isEmpty() ? Optional.empty() : Optional.of(failing);
    }

    /** False once reading or a sender has stopped on an unexpected error. */
    public boolean alive() {
        return died == null && senders.stream().allMatch(TargetSender::alive);
    }

    /** Alerts firing now, as this forwarder knows them. */
    public int firingCount() {
        return firing.size();
    }

    private void run() {
        try {
            rebuild();
            if (closing) {
                return;
            }
            rebuilt = true;
            log.info("{} alerts fire now (from {}); sending them to {}", firing.size(), config.activeAlertsTopic(),
                    senders.stream().map(TargetSender::name).toList());
            senders.forEach(TargetSender::start);
            changes.subscribe(List.of(config.alertsTopic()), new Rebalance());
            long nextCheck = 0;
            while (!closing) {
                pollActive(Duration.ZERO);
                pollChanges();
                pauseWhileQueued();
                commitDone();
                if (System.nanoTime() - nextCheck >= 0) {
                    checkKafka();
                    nextCheck = System.nanoTime() + KAFKA_CHECK_EVERY.toNanos();
                }
            }
            commitDone();
        } catch (WakeupException e) {
            if (!closing) {
                died = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            died = e;
            log.error("{}", notReadyWhy().orElse("reading Kafka stopped"), e);
        } finally {
            active.close(Duration.ofSeconds(5));
            changes.close(Duration.ofSeconds(5));
        }
    }

    /** Reads the active topic from its beginning to the end it had when the forwarder started. */
    private void rebuild() throws InterruptedException {
        List<TopicPartition> partitions = List.of();
        while (!closing && partitions.isEmpty()) {
            try {
                List<PartitionInfo> infos = active.partitionsFor(config.activeAlertsTopic(), KAFKA_CALL_TIMEOUT);
                partitions = infos == null ? List.of()
                        : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                kafkaProblem = partitions.isEmpty() ? Optional.of("waiting for topic " + config.activeAlertsTopic()
                        + " to exist (the analytics create it)") : Optional.empty();
            } catch (KafkaException e) {
                kafkaProblem = Optional.of(describe(e, "describe topic " + config.activeAlertsTopic()));
            }
            if (partitions.isEmpty()) {
                Thread.sleep(1000);
            }
        }
        active.assign(partitions);
        active.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = null;
        while (!closing && end == null) {
            try {
                end = active.endOffsets(partitions, KAFKA_CALL_TIMEOUT);
            } catch (KafkaException e) {
                kafkaProblem = Optional.of(describe(e, "read the end offsets of " + config.activeAlertsTopic()));
            }
        }
        while (!closing && !reached(end)) {
            pollActive(POLL);
        }
        kafkaProblem = Optional.empty();
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> active.position(e.getKey(), KAFKA_CALL_TIMEOUT) >= e.getValue());
    }

    private void pollActive(Duration wait) throws InterruptedException {
        for (ConsumerRecord<AlertKey, Alert> r : poll(active, wait)) {
            firing.fromActive(r.key(), r.value());
        }
    }

    private void pollChanges() throws InterruptedException {
        for (ConsumerRecord<AlertKey, Alert> r : poll(changes, POLL)) {
            if (r.key() == null || r.value() == null) {
                log.warn("Skipped {} offset {}: no key or no value (an alert change has both)", r.topic(), r.offset());
                continue;
            }
            firing.fromChange(r.key(), r.value());
            Change change = new Change(new TopicPartition(r.topic(), r.partition()), r.offset(), r.value());
            for (TargetSender sender : senders) {
                sender.offer(change);
            }
        }
    }

    /**
     * One poll. A record the registry cannot decode now is read again (the registry is down: not ready meanwhile);
     * one that cannot be decoded ever (not Avro of ours) is logged and skipped.
     */
    private Iterable<ConsumerRecord<AlertKey, Alert>> poll(KafkaConsumer<AlertKey, Alert> consumer, Duration wait)
            throws InterruptedException {
        try {
            return consumer.poll(wait);
        } catch (RecordDeserializationException e) {
            if (hasCause(e, SchemaRegistryUnavailableException.class)) {
                kafkaProblem = Optional.of("the schema registry cannot be reached to decode " + e.topicPartition()
                        + " offset " + e.offset() + ": " + e.getCause());
                Thread.sleep(1000);
                return List.of();
            }
            log.error("Skipped {} offset {}: it cannot be decoded as an alert", e.topicPartition(), e.offset(), e);
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return List.of();
        }
    }

    /** Reading stops while an Alertmanager has too many changes to accept; the group membership goes on. */
    private void pauseWhileQueued() {
        int most = senders.stream().mapToInt(TargetSender::queued).max().orElse(0);
        if (most >= config.maxQueued() && changes.paused().isEmpty()) {
            log.warn("{} changes wait for an Alertmanager; reading {} pauses until half of them are accepted", most,
                    config.alertsTopic());
            changes.pause(changes.assignment());
        } else if (most < config.maxQueued() / 2 && !changes.paused().isEmpty()) {
            changes.resume(changes.paused());
        }
    }

    /** Commits, per partition, the offset every Alertmanager has answered up to. */
    private void commitDone() {
        commitDone(changes.assignment());
    }

    private void commitDone(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        List<Map<TopicPartition, Long>> done = senders.stream().map(TargetSender::done).toList();
        for (TopicPartition tp : partitions) {
            long upTo = Long.MAX_VALUE;
            for (Map<TopicPartition, Long> d : done) {
                upTo = Math.min(upTo, d.getOrDefault(tp, -1L));
            }
            if (upTo >= 0 && upTo > committed.getOrDefault(tp, -1L)) {
                commit.put(tp, new OffsetAndMetadata(upTo));
            }
        }
        if (commit.isEmpty()) {
            return;
        }
        try {
            changes.commitSync(commit, KAFKA_CALL_TIMEOUT);
            commit.forEach((tp, o) -> committed.put(tp, o.offset()));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("Could not commit {} (tried again at the next loop): {}", commit, e.toString());
        }
    }

    /** Whether Kafka answers, and how many records of the changes are not yet committed. */
    private void checkKafka() {
        try {
            var assigned = changes.assignment();
            Map<TopicPartition, Long> end = changes.endOffsets(assigned, KAFKA_CALL_TIMEOUT);
            long total = 0;
            for (var e : end.entrySet()) {
                long from = committed.getOrDefault(e.getKey(), changes.position(e.getKey(), KAFKA_CALL_TIMEOUT));
                total += Math.max(0, e.getValue() - from);
            }
            behind = total;
            kafkaProblem = Optional.empty();
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            kafkaProblem = Optional.of(describe(e, "read the end offsets of " + config.alertsTopic()));
        }
    }

    private String describe(KafkaException e, String attempted) {
        return KafkaRefusal.describe(e, attempted, KafkaRefusal.principal(consumerSettings))
                .orElse("Kafka (" + consumerSettings.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + ") did not answer"
                        + " when asked to " + attempted + ": " + e.getMessage());
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Partitions of a group that never committed start where this forwarder started reading the active topic (a
     * minute before, for the producers' clocks), and that start is committed at once: a change written while it
     * read the active topic is not skipped, and a forwarder killed before it delivered anything resumes there, not
     * at the end. Before partitions go to another member, what was answered for them is committed.
     */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitDone(partitions);
            partitions.forEach(committed::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> known = changes.committed(new HashSet<>(partitions),
                    KAFKA_CALL_TIMEOUT);
            Map<TopicPartition, Long> since = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = known.get(tp);
                if (offset == null) {
                    since.put(tp, startedAt.minus(PRODUCER_CLOCK_SLACK).toEpochMilli());
                } else {
                    committed.put(tp, offset.offset());
                }
            }
            if (since.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            Map<TopicPartition, OffsetAndTimestamp> found = changes.offsetsForTimes(since, KAFKA_CALL_TIMEOUT);
            Map<TopicPartition, Long> end = changes.endOffsets(since.keySet(), KAFKA_CALL_TIMEOUT);
            for (TopicPartition tp : since.keySet()) {
                OffsetAndTimestamp at = found.get(tp);
                long offset = at == null ? end.get(tp) : at.offset();
                changes.seek(tp, offset);
                start.put(tp, new OffsetAndMetadata(offset));
            }
            changes.commitSync(start, KAFKA_CALL_TIMEOUT);
            start.forEach((tp, o) -> committed.put(tp, o.offset()));
            log.info("Group {} had no offsets for {}: starting at the changes since {} and committed that start",
                    config.groupId(), start.keySet(), startedAt.minus(PRODUCER_CLOCK_SLACK));
        }
    }

    @Override
    public void close() {
        closing = true;
        senders.forEach(TargetSender::close);
        active.wakeup();
        changes.wakeup();
        try {
            thread.join(Duration.ofSeconds(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (registry instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("Closing the schema registry client: {}", e.toString());
            }
        }
    }
}
