package io.istgt.telemetry.analytics.rules;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The error-spike rule, shared by the volume and the replica rules. */
final class Spikes {

    private Spikes() {
    }

    /**
     * Turns each family's counter into a delta (reset-aware), adds it to the family's window and evaluates the
     * family's spike alert. {@code spikes} is updated in place.
     */
    static void evaluate(EpisodeBook book, String iqn, String replicaId, Map<ErrorFamily, Long> previous,
                         Map<ErrorFamily, Long> current, boolean restarted, Instant at,
                         Map<ErrorFamily, SpikeWindow> spikes, SpikeWindow.Thresholds thresholds,
                         Map<String, String> labels) {
        for (Map.Entry<ErrorFamily, Long> e : current.entrySet()) {
            ErrorFamily family = e.getKey();
            Long delta = CounterDelta.of(previous.get(family), e.getValue(), restarted);
            SpikeWindow window = spikes.getOrDefault(family, SpikeWindow.EMPTY)
                    .add(at, delta == null ? 0 : delta, thresholds);
            spikes.put(family, window);
            long sum = window.sum();
            boolean spike = window.isSpike(thresholds);
            String where = replicaId == null ? "volume " + iqn : "replica " + replicaId + " of " + iqn;
            String baseline = window.baseline() == null ? "no baseline yet"
                    : String.format("baseline %.1f per window", window.baseline());
            Map<String, String> spikeLabels = new HashMap<>(labels);
            spikeLabels.put("family", family.name());
            spikeLabels.put("windowSeconds", Long.toString(thresholds.window().toSeconds()));
            book.evaluate(family.alertKind(), replicaId, spike, at,
                    sum + " " + family.description() + " on " + where + " in the last "
                            + thresholds.window().toSeconds() + " s (" + baseline + ", threshold "
                            + thresholds.absolute() + " or " + thresholds.multiple() + "x baseline)",
                    (double) sum, (double) thresholds.absolute(), spikeLabels);
        }
    }
}
