package io.istgt.telemetry.analytics.rules;

import io.istgt.telemetry.schemas.VolumeHealth;

/**
 * A volume's status as the transitions tell it: istgt's own ({@link VolumeHealth}), or {@link #UNREACHABLE} when
 * its collector could not poll the target, a status istgt cannot report about itself.
 */
public enum VolumeCondition {
    HEALTHY("Healthy"),
    DEGRADED("Degraded"),
    OFFLINE("Offline"),
    /** A status istgt reports that this version's schema does not know yet. */
    UNKNOWN("Unknown"),
    UNREACHABLE("Unreachable");

    private final String label;

    VolumeCondition(String label) {
        this.label = label;
    }

    /** The name on the transitions topic and in the stored state: istgt's spelling. */
    public String label() {
        return label;
    }

    public static VolumeCondition of(VolumeHealth health) {
        return switch (health) {
            case Healthy -> HEALTHY;
            case Degraded -> DEGRADED;
            case Offline -> OFFLINE;
            case Unknown -> UNKNOWN;
        };
    }

    /** The condition of a {@link #label()}. */
    public static VolumeCondition ofLabel(String label) {
        for (VolumeCondition c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a volume status: " + label);
    }
}
