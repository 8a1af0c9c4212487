package io.istgt.telemetry.sim.model;

/**
 * A cStor pool holding one replica of a volume: its identity survives disconnections and istgt restarts.
 *
 * @param guid    the replica's 64-bit id (zvol guid), unsigned
 * @param address the IP the replica connects from
 * @param quorum  whether the replica counts in the quorum (the first RF pools do)
 */
public record ReplicaPool(long guid, String address, boolean quorum) {

    public String id() {
        return Long.toUnsignedString(guid);
    }
}
