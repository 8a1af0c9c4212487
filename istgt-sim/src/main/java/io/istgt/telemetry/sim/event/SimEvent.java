package io.istgt.telemetry.sim.event;

import io.istgt.telemetry.sim.fault.Fault;
import io.istgt.telemetry.sim.model.Replica;
import io.istgt.telemetry.sim.model.ScsiOp;

/**
 * Something that happens to an emulated volume or its istgt. The same events come from scenario files, the
 * admin socket and the Java API; {@link EventLine} is their text form (see docs/emulator.md).
 * {@code volume} is a volume name, or {@code *} for every volume.
 */
public sealed interface SimEvent {

    /** Every volume of every target. */
    String ALL = "*";

    String volume();

    /** The replica drops its connections: it vanishes from replicas[] but keeps its errors[] entry. */
    record ReplicaDisconnect(String volume, String replicaId) implements SimEvent {
    }

    /** The replica (re)connects: Degraded at first, Healthy after the rebuild time. */
    record ReplicaConnect(String volume, String replicaId) implements SimEvent {
    }

    /** Connection errors counted in the replica's errors[] entry. */
    record ConnectionErrors(String volume, String replicaId, long mgmt, long data) implements SimEvent {
    }

    /** The replica's next {@code count} rebuild attempts fail (it stays Degraded and retries). */
    record RebuildFailure(String volume, String replicaId, int count) implements SimEvent {
    }

    /** Snapshot requests (SNAPCREATE): they succeed only with at least CF healthy replicas. */
    record Snapshot(String volume, int count) implements SimEvent {
    }

    /** From now on snapshots fail (or work again): requests are counted without success. */
    record SnapshotFailure(String volume, boolean failing) implements SimEvent {
    }

    /** Initiators log in and stay logged in (INFO lists them). {@code initiator} may be null. */
    record Login(String volume, int count, String initiator) implements SimEvent {
    }

    record Logout(String volume, int count) implements SimEvent {
    }

    /** Many short, slow sessions: logins and logouts counted, login durations spread wide. */
    record LoginStorm(String volume, int count) implements SimEvent {
    }

    record Discovery(String volume, int count) implements SimEvent {
    }

    /**
     * The initiator sends {@code count} SCSI commands of one opcode that is not IO (TEST UNIT READY, INQUIRY,
     * MODE SENSE, ...): STATS counts them and their PDUs, nothing else moves.
     */
    record ScsiCommands(String volume, int opcode, long count) implements SimEvent {
    }

    /** The initiator's IO rate from now on, in commands per second. */
    record IoRate(String volume, double iops) implements SimEvent {
    }

    /** IO errors of one replica, counted in the {@code --extended} per-replica metrics. */
    record ReplicaIoErrors(String volume, String replicaId, Replica.IoErrorKind kind, ScsiOp.Kind op, long count)
            implements SimEvent {
    }

    /** The istgt serving the volume restarts. */
    record Restart(String volume) implements SimEvent {
    }

    /** A fault on the istgt serving the volume; a null fault clears it. */
    record SetFault(String volume, Fault fault) implements SimEvent {
    }
}
