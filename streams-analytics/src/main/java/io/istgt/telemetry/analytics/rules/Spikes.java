package io.istgt.telemetry.analytics.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The error-spike rule, shared by the volume and the replica rules. */
final class Spikes {

    private Spikes() {
    }

    /**
     * Whether two records' times come from one clock: the same collector (an unknown one counts as the same, so
     * state kept before the collector was recorded goes on as it did).
     */
    static boolean sameClock(String previousSource, String source) {
        return previousSource == null || source == null || previousSource.equals(source);
    }

    /**
     * Turns each family's counter into a delta (reset-aware), adds it to the family's window and evaluates the
     * family's spike alert. {@code spikes} is updated in place.
     *
     * <p>A window sums deltas by the records' times, so a delta must belong to the time between its two records.
     * Two cases break that, and would raise spikes of errors that trickled in: records of two collectors
     * (a rolling update) whose clocks disagree, where the other collector's times say nothing about when the
     * errors came, so the counter is taken afresh and the window with its baseline starts over (while two
     * collectors' records alternate, the rule is blind rather than wrong); and a gap between records longer than
     * the window (a collector down, polls dropped), where only the share of the delta that falls in one window at
     * an even rate is counted, and the baseline starts over (a gap is no evidence of a quiet counter).
     *
     * @param sameClock  whether the previous record came from the same collector
     * @param previousAt the previous record's time, null for the first
     */
    static void evaluate(EpisodeBook book, String iqn, String replicaId, Map<ErrorFamily, Long> previous,
                         Map<ErrorFamily, Long> current, boolean restarted, boolean sameClock, Instant previousAt,
                         Instant at, Map<ErrorFamily, SpikeWindow> spikes, SpikeWindow.Thresholds thresholds,
                         Map<String, String> labels) {
        for (Map.Entry<ErrorFamily, Long> e : current.entrySet()) {
            ErrorFamily family = e.getKey();
            Long delta = sameClock ? CounterDelta.of(previous.get(family), e.getValue(), restarted) : null;
            boolean gap = previousAt != null && Duration.between(previousAt, at).compareTo(thresholds.window()) > 0;
            if (delta != null && gap) {
                delta = Math.round(delta * (double) thresholds.window().toMillis()
                        / Duration.between(previousAt, at).toMillis());
            }
            SpikeWindow window = (sameClock && !gap ? spikes.getOrDefault(family, SpikeWindow.EMPTY)
                    : SpikeWindow.EMPTY).add(at, delta == null ? 0 : delta, thresholds);
            spikes.put(family, window);
            long sum = window.sum();
            boolean spike = window.isSpike(thresholds);
            book.evaluate(family.alertKind(), replicaId, spike, at,
                    () -> summary(iqn, replicaId, family, sum, window, thresholds),
                    (double) sum, (double) thresholds.absolute(), () -> labels(labels, family, thresholds));
        }
    }

    private static String summary(String iqn, String replicaId, ErrorFamily family, long sum, SpikeWindow window,
                                  SpikeWindow.Thresholds thresholds) {
        String where = replicaId == null ? "volume " + iqn : "replica " + replicaId + " of " + iqn;
        String baseline = window.baseline() == null ? "no baseline yet"
                : String.format("baseline %.1f per window", window.baseline());
        return sum + " " + family.description() + " on " + where + " in the last " + thresholds.window().toSeconds()
                + " s (" + baseline + ", threshold " + thresholds.absolute() + " or " + thresholds.multiple()
                + "x baseline)";
    }

    private static Map<String, String> labels(Map<String, String> labels, ErrorFamily family,
                                              SpikeWindow.Thresholds thresholds) {
        Map<String, String> spikeLabels = new HashMap<>(labels);
        spikeLabels.put("family", family.name());
        spikeLabels.put("windowSeconds", Long.toString(thresholds.window().toSeconds()));
        return spikeLabels;
    }
}
