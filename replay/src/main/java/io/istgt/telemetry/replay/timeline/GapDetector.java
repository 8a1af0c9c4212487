package io.istgt.telemetry.replay.timeline;

import io.istgt.telemetry.schemas.CollectionMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds collection gaps in one volume's snapshots: polls lost by the per-target sequence numbers (the
 * collector counts every poll, failed ones too), or, when the sequence cannot tell (a new collector run), a
 * pause longer than twice the observed poll interval. The interval is the median of the recent spacings, so
 * it follows a collector whose interval was changed.
 */
final class GapDetector {

    private static final int SPACINGS = 15;

    private record Source(String collectorId, String target) {
    }

    private record Last(Instant startedAt, long sequence, Instant at) {
    }

    private final Map<Source, Last> last = new HashMap<>();
    private final Deque<Long> spacings = new ArrayDeque<>();
    private Instant previousAt;
    private final List<TimelineEvent> events = new ArrayList<>();

    /** Looks at the next snapshot (in time order); returns the events it reveals (gap, collector restart). */
    List<TimelineEvent> observe(CollectionMetadata m) {
        events.clear();
        Instant at = m.getCollectedAt();
        Source source = new Source(m.getCollectorId(), m.getTarget());
        Last before = last.put(source, new Last(m.getCollectorStartedAt(), m.getSequence(), at));
        Optional<Duration> interval = interval();
        if (before != null) {
            boolean sameRun = before.startedAt().equals(m.getCollectorStartedAt());
            long lost = sameRun ? m.getSequence() - before.sequence() - 1 : -1;
            boolean longPause = interval.isPresent()
                    && Duration.between(before.at(), at).compareTo(interval.get().multipliedBy(2)) > 0;
            if (!sameRun) {
                events.add(new TimelineEvent.CollectorRestart(at, m.getCollectorId(), m.getCollectorStartedAt()));
            }
            if (lost > 0) {
                events.add(new TimelineEvent.CollectionGap(before.at(), at, lost,
                        "sequence " + before.sequence() + " → " + m.getSequence()));
            } else if (longPause) {
                events.add(new TimelineEvent.CollectionGap(before.at(), at, -1,
                        "no snapshot for " + Durations.human(Duration.between(before.at(), at)) + " (poll interval "
                                + Durations.human(interval.get()) + ")"));
            }
        }
        if (previousAt != null && at.isAfter(previousAt)) {
            spacings.addLast(Duration.between(previousAt, at).toMillis());
            if (spacings.size() > SPACINGS) {
                spacings.removeFirst();
            }
        }
        previousAt = at;
        return List.copyOf(events);
    }

    /** The observed poll interval: the median spacing of the recent snapshots, once three are known. */
    Optional<Duration> interval() {
        if (spacings.size() < 3) {
            return Optional.empty();
        }
        long[] sorted = spacings.stream().mapToLong(Long::longValue).sorted().toArray();
        return Optional.of(Duration.ofMillis(sorted[sorted.length / 2]));
    }
}
