package io.istgt.telemetry.collector.cli;

/** How {@code snapshot} prints. */
enum OutputFormat {
    /** The snapshot model as JSON, stable field names, nulls kept. */
    json,
    /** A human-readable summary, like istgtcontrol's. */
    text
}
