package io.istgt.telemetry.schemas.serde;

/** A subject's compatibility rule, as the Confluent Schema Registry API names it. */
public enum Compatibility {
    /** A new schema reads data written with the latest one (consumers upgrade first). */
    BACKWARD,
    /** A new schema reads data written with every earlier one. */
    BACKWARD_TRANSITIVE,
    /** The latest schema reads data written with a new one (producers upgrade first). */
    FORWARD,
    FORWARD_TRANSITIVE,
    /** Both BACKWARD and FORWARD against the latest schema. */
    FULL,
    FULL_TRANSITIVE,
    /** No check. */
    NONE
}
