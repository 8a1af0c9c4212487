package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.AlertEvent;
import io.istgt.telemetry.analytics.rules.ReplicaModes;
import io.istgt.telemetry.analytics.rules.VolumeObservation;
import io.istgt.telemetry.analytics.rules.VolumeRules;
import io.istgt.telemetry.analytics.rules.VolumeState;
import io.istgt.telemetry.schemas.VolumeStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link VolumeRules} on each volume record, keeping each volume's state in a store, and the silence
 * check on the wall clock, so a target that stops sending is noticed even when nothing else arrives.
 */
final class VolumeProcessor implements Processor<byte[], VolumeStatus, Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(VolumeProcessor.class);

    private final VolumeRules rules;
    private final Duration silentAfter;
    private final Duration silenceCheck;
    private final DecodedStates<VolumeState> states = new DecodedStates<>(DecodedStates.MAX_ENTRIES);
    private final IdleCommit idleCommit = new IdleCommit();
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, VolumeState> store;
    /**
     * No stored volume can be silent before this wall-clock time: the earliest {@code lastArrivalMillis +
     * silentAfter} of the volumes not silent yet, as of the last full scan and every put since. Until then the
     * check skips its scan of the whole store (which decoded every volume's state each second). It lives only
     * as long as this processor instance: a new one (a restart, a rebalance, a task revived after an aborted
     * transaction) starts at 0 and so scans first, and a put can only lower it, so it never hides a silence.
     */
    private long noSilenceBefore;

    VolumeProcessor(VolumeRules rules, Duration silentAfter, Duration silenceCheck) {
        this.rules = rules;
        this.silentAfter = silentAfter;
        this.silenceCheck = silenceCheck;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(AlertTopology.VOLUME_STORE);
        this.states.attach(store);
        this.noSilenceBefore = 0;
        context.schedule(silenceCheck, PunctuationType.WALL_CLOCK_TIME, this::checkSilence);
        idleCommit.schedule(context);
    }

    @Override
    public void process(Record<byte[], VolumeStatus> record) {
        if (record.value() == null) {
            return;
        }
        idleCommit.processed();
        VolumeObservation obs = InputViews.volume(record.value());
        VolumeState state = states.get(obs.iqn());
        VolumeRules.Result result = rules.apply(state == null ? VolumeState.NEW : state, obs,
                context.currentSystemTimeMs());
        if (result.stale()) {
            log.debug("volume {}: record collected at {} is not newer than {}; not evaluated", obs.iqn(), obs.at(),
                    state == null ? null : state.seen().newestAt());
        }
        put(obs.iqn(), result.next());
        emit(obs.iqn(), result);
    }

    private void put(String iqn, VolumeState next) {
        states.put(iqn, next);
        noSilenceBefore = Math.min(noSilenceBefore, silentFrom(next));
    }

    private void checkSilence(long nowMillis) {
        if (nowMillis < noSilenceBefore) {
            return;
        }
        List<KeyValue<String, VolumeState>> all = new ArrayList<>();
        try (KeyValueIterator<String, VolumeState> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        long earliest = Long.MAX_VALUE;
        for (KeyValue<String, VolumeState> kv : all) {
            VolumeState state = kv.value;
            var silence = rules.checkSilence(kv.key, state, nowMillis, silentAfter);
            if (silence.isPresent()) {
                state = silence.get().next();
                states.put(kv.key, state);
                emit(kv.key, silence.get());
            }
            earliest = Math.min(earliest, silentFrom(state));
        }
        noSilenceBefore = earliest;
    }

    @Override
    public void close() {
        // The task is closing (and may be revived after an aborted transaction, with its store restored).
        states.clear();
    }

    /** When this state can first be found silent: never once silent (only a record ends that) or never seen. */
    private long silentFrom(VolumeState state) {
        VolumeState.Alerting alerting = state.alerting();
        if (alerting.silent() || alerting.lastArrivalMillis() == 0) {
            return Long.MAX_VALUE;
        }
        return alerting.lastArrivalMillis() + silentAfter.toMillis();
    }

    private void emit(String iqn, VolumeRules.Result result) {
        for (ReplicaModes.Transition t : result.replicaTransitions()) {
            context.forward(new Record<>(OutputRecords.replicaKey(iqn, t), OutputRecords.replicaTransition(iqn, t),
                    t.at().toEpochMilli()), AlertTopology.REPLICA_TRANSITIONS_SINK);
        }
        result.statusChange().ifPresent(c -> context.forward(new Record<>(OutputRecords.volumeKey(iqn),
                OutputRecords.volumeTransition(c), c.at().toEpochMilli()), AlertTopology.VOLUME_TRANSITIONS_SINK));
        for (AlertEvent alert : result.alerts()) {
            AlertForwarding.forward(context, alert);
        }
    }
}
