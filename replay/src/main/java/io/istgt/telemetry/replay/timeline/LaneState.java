package io.istgt.telemetry.replay.timeline;

/** What a lane of the timeline shows for a span of time: the volume's status, or a replica's mode. */
public enum LaneState {
    HEALTHY("Healthy"),
    DEGRADED("Degraded"),
    OFFLINE("Offline"),
    /** A replica known to the target but not connected (istgt lists it in errors[] only, or it vanished). */
    DISCONNECTED("disconnected"),
    /** The collector's poll failed: nothing is known about the volume or its replicas. */
    UNREACHABLE("unreachable"),
    UNKNOWN("Unknown");

    private final String label;

    LaneState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The CSS class of the state in the HTML report. */
    public String cssClass() {
        return "state-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    static LaneState ofVolumeHealth(String status) {
        return switch (status) {
            case "Healthy" -> HEALTHY;
            case "Degraded" -> DEGRADED;
            case "Offline" -> OFFLINE;
            default -> UNKNOWN;
        };
    }
}
