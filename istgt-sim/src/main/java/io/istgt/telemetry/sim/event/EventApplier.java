package io.istgt.telemetry.sim.event;

import io.istgt.telemetry.sim.model.LoginActivity;
import io.istgt.telemetry.sim.model.Target;
import io.istgt.telemetry.sim.model.Volume;

import java.time.Instant;
import java.util.List;

/** Carries an event out on one istgt at a given time. */
public final class EventApplier {

    private EventApplier() {
    }

    /**
     * Applies {@code event} to {@code target}: to the named volume, or to every volume of the target when the
     * event names {@link SimEvent#ALL}. Target-wide events (restart, fault) act on the target once.
     */
    public static void apply(SimEvent event, Target target, Instant at) {
        switch (event) {
            case SimEvent.Restart r -> target.restart(at);
            case SimEvent.SetFault f -> target.setFault(f.fault());
            default -> {
                List<String> names = SimEvent.ALL.equals(event.volume())
                        ? target.volumes().stream().map(Volume::name).toList()
                        : List.of(event.volume());
                for (String name : names) {
                    target.update(at, name, (v, now) -> applyToVolume(event, v, now));
                }
            }
        }
    }

    private static void applyToVolume(SimEvent event, Volume v, Instant now) {
        LoginActivity logins = v.loginActivity();
        switch (event) {
            case SimEvent.ReplicaDisconnect e -> v.disconnect(guid(e.replicaId()));
            case SimEvent.ReplicaConnect e -> v.connect(guid(e.replicaId()), now);
            case SimEvent.ConnectionErrors e -> v.addConnectionErrors(guid(e.replicaId()), e.mgmt(), e.data());
            case SimEvent.RebuildFailure e -> v.failRebuilds(guid(e.replicaId()), e.count());
            case SimEvent.Snapshot e -> {
                for (int i = 0; i < e.count(); i++) {
                    v.snapshot();
                }
            }
            case SimEvent.SnapshotFailure e -> v.setSnapshotsFail(e.failing());
            case SimEvent.Login e -> logins.login(e.count(), e.initiator());
            case SimEvent.Logout e -> logins.logout(e.count());
            case SimEvent.LoginStorm e -> logins.storm(e.count());
            case SimEvent.Discovery e -> logins.discovery(e.count());
            case SimEvent.ScsiCommands e -> logins.scsiCommands(e.opcode(), e.count());
            case SimEvent.IoRate e -> v.setIoRate(e.iops());
            case SimEvent.ReplicaIoErrors e -> v.recordIoErrors(guid(e.replicaId()), e.kind(), e.op(), e.count());
            case SimEvent.Restart e -> throw new IllegalStateException("restart is target-wide");
            case SimEvent.SetFault e -> throw new IllegalStateException("faults are target-wide");
        }
    }

    private static long guid(String replicaId) {
        return Long.parseUnsignedLong(replicaId);
    }
}
