package io.istgt.telemetry.analytics.topology;

import io.istgt.telemetry.analytics.rules.AlertEvent;
import io.istgt.telemetry.analytics.rules.ReplicaObservation;
import io.istgt.telemetry.analytics.rules.ReplicaRules;
import io.istgt.telemetry.analytics.rules.ReplicaState;
import io.istgt.telemetry.schemas.ReplicaStatus;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Runs {@link ReplicaRules} on each replica record, keeping each replica's state in a store. */
final class ReplicaProcessor implements Processor<byte[], ReplicaStatus, Object, Object> {

    private final ReplicaRules rules;
    private ProcessorContext<Object, Object> context;
    private final DecodedStates<ReplicaState> states = new DecodedStates<>(DecodedStates.MAX_ENTRIES);
    private final IdleCommit idleCommit = new IdleCommit();

    ReplicaProcessor(ReplicaRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.states.attach(context.getStateStore(AlertTopology.REPLICA_STORE));
        idleCommit.schedule(context);
    }

    @Override
    public void process(Record<byte[], ReplicaStatus> record) {
        if (record.value() == null) {
            return;
        }
        idleCommit.processed();
        ReplicaObservation obs = InputViews.replica(record.value());
        String key = obs.iqn() + " " + obs.replicaId();
        ReplicaState state = states.get(key);
        ReplicaRules.Result result = rules.apply(state == null ? ReplicaState.NEW : state, obs);
        // A stale record leaves the state as it was: writing it again would only add a changelog record.
        if (result.next() != state) {
            states.put(key, result.next());
        }
        for (AlertEvent alert : result.alerts()) {
            AlertForwarding.forward(context, alert);
        }
    }

    @Override
    public void close() {
        // The task is closing (and may be revived after an aborted transaction, with its store restored).
        states.clear();
    }
}
