package io.istgt.telemetry.sim.model;

/** The only two modes istgt reports for a connected replica; a lost replica is simply absent. */
public enum ReplicaMode {
    HEALTHY("Healthy"),
    DEGRADED("Degraded");

    private final String wire;

    ReplicaMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
