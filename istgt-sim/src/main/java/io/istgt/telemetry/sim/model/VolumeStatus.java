package io.istgt.telemetry.sim.model;

/** A volume's status as istgt prints it in IOSTATS, REPLICA and ISTGTSTATUS. */
public enum VolumeStatus {
    OFFLINE("Offline"),
    DEGRADED("Degraded"),
    HEALTHY("Healthy");

    private final String wire;

    VolumeStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
