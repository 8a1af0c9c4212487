package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.AlertEvent;
import io.istgt.telemetry.analytics.rules.ReplicaObservation;
import io.istgt.telemetry.analytics.rules.ReplicaRules;
import io.istgt.telemetry.analytics.rules.ReplicaState;
import io.istgt.telemetry.schemas.ReplicaStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs {@link ReplicaRules} on each replica record, keeping each replica's state in a store, and forgets the
 * replicas gone for {@code replica.gone.after.ms} of stream time (a replaced replica's id never comes back): their
 * open episodes end and their state is deleted, so the store holds the replicas that exist, not every one ever
 * seen.
 */
final class ReplicaProcessor implements Processor<byte[], ReplicaStatus, Object, Object> {

    /** How often, in stream time, gone replicas are looked for (a scan only when one can be due). */
    static final Duration FORGET_CHECK = Duration.ofMinutes(1);

    private final ReplicaRules rules;
    private final Duration goneAfter;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, ReplicaState> store;
    private final DecodedStates<ReplicaState> states = new DecodedStates<>(DecodedStates.MAX_ENTRIES);
    private final IdleCommit idleCommit = new IdleCommit();
    /**
     * No stored replica can be gone before this stream time (epoch ms): the earliest {@code newestAt + goneAfter}
     * as of the last scan, lowered by every put since. A new processor instance starts at 0, so scans first.
     */
    private long noneGoneBefore;

    ReplicaProcessor(ReplicaRules rules, Duration goneAfter) {
        this.rules = rules;
        this.goneAfter = goneAfter;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(AlertTopology.REPLICA_STORE);
        this.states.attach(store);
        this.noneGoneBefore = 0;
        context.schedule(FORGET_CHECK, PunctuationType.STREAM_TIME, this::forgetGone);
        idleCommit.schedule(context);
    }

    @Override
    public void process(Record<byte[], ReplicaStatus> record) {
        if (record.value() == null) {
            return;
        }
        idleCommit.processed();
        ReplicaObservation obs = InputViews.replica(record.value());
        String key = key(obs.iqn(), obs.replicaId());
        ReplicaState state = states.get(key);
        ReplicaRules.Result result = rules.apply(state == null ? ReplicaState.NEW : state, obs);
        // A stale record leaves the state as it was: writing it again would only add a changelog record.
        if (result.next() != state) {
            states.put(key, result.next());
            noneGoneBefore = Math.min(noneGoneBefore, goneFrom(result.next()));
        }
        for (AlertEvent alert : result.alerts()) {
            AlertForwarding.forward(context, alert);
        }
    }

    private void forgetGone(long streamTimeMillis) {
        if (streamTimeMillis < noneGoneBefore) {
            return;
        }
        Instant now = Instant.ofEpochMilli(streamTimeMillis);
        List<KeyValue<String, ReplicaState>> all = new ArrayList<>();
        try (KeyValueIterator<String, ReplicaState> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        long earliest = Long.MAX_VALUE;
        for (KeyValue<String, ReplicaState> kv : all) {
            if (kv.value == null) {
                continue;
            }
            if (rules.gone(kv.value, now)) {
                int space = kv.key.lastIndexOf(' ');
                for (AlertEvent alert : rules.forget(kv.key.substring(0, space), kv.key.substring(space + 1), kv.value,
                        now)) {
                    AlertForwarding.forward(context, alert);
                }
                states.delete(kv.key);
            } else {
                earliest = Math.min(earliest, goneFrom(kv.value));
            }
        }
        noneGoneBefore = earliest;
    }

    /** When this state can first be found gone (stream time, epoch ms). */
    private long goneFrom(ReplicaState state) {
        return state.newestAt() == null ? Long.MAX_VALUE : state.newestAt().plus(goneAfter).toEpochMilli();
    }

    /** The store's key of a replica: an IQN has no space in it, so the last one splits the two. */
    private static String key(String iqn, String replicaId) {
        return iqn + " " + replicaId;
    }

    @Override
    public void close() {
        // The task is closing (and may be revived after an aborted transaction, with its store restored).
        states.clear();
    }
}
