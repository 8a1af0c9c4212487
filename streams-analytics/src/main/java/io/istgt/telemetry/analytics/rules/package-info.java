/**
 * The alert and transition rules: pure functions of (state, observation), with no Kafka in them.
 *
 * <p>Closed sets the status records define are the schemas' generated enums here too ({@code ReplicaMode},
 * {@code VolumeHealth}, {@code AlertKind}), not copies of them: the rules judge exactly what the collector sent, no
 * copy has to be kept in step, and where the rules switch over one the switch is exhaustive, so a symbol added to a
 * schema is a compile error rather than a value no rule matches. The rules depend on the generated types only,
 * never on the records' shape: the topology's {@code InputViews} turns each record into an observation. A set the
 * schemas do not have is the rules' own enum ({@link io.istgt.telemetry.analytics.rules.VolumeCondition}: istgt's
 * status, or unreachable).
 */
package io.istgt.telemetry.analytics.rules;
