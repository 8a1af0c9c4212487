package io.istgt.telemetry.sim.model;

/**
 * One volume as istgt.conf's {@code [LogicalUnitN]} section describes it.
 *
 * @param lun                      N of {@code [LogicalUnitN]}, istgt's LU number
 * @param targetName               the volume name (the iqn is NodeBase:TargetName)
 * @param replicationFactor        ReplicationFactor
 * @param consistencyFactor        ConsistencyFactor
 * @param desiredReplicationFactor DesiredReplicationFactor
 */
public record LogicalUnitConfig(int lun, String targetName, int replicationFactor, int consistencyFactor,
                                int desiredReplicationFactor, long sizeBytes, int blockLength) {
}
