/**
 * The typed, immutable snapshot of one istgt, as one poll of its control socket saw it.
 *
 * <p><b>Absent values are null, never zero.</b> Every counter is a boxed {@code Long} (or a nested record)
 * that is null when the commands used for the snapshot do not give it: the stock command set has no
 * ISTGTSTATUS counters, released istgt builds have no extended counters, and no build gives the "unknown"
 * replica count. A zero is always a zero istgt reported. JSON output keeps null fields, so field names are
 * stable whatever the source.
 *
 * <p>Units are in the names: {@code ...Ns} nanoseconds, {@code ...Ms} milliseconds, {@code ...Seconds}
 * seconds, {@code ...Bytes} bytes; counters named {@code ...Count} or {@code ...Ops} are cumulative since istgt
 * started and restart from zero with it.
 */
package io.istgt.telemetry.client.snapshot;
