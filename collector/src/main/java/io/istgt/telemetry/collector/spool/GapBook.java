package io.istgt.telemetry.collector.spool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The polls given up, per target, as ranges of sequence numbers per collector run, until a gap notice carries
 * them to Kafka. Polls are given up oldest first, so a target's ranges only grow at their end.
 */
public final class GapBook {

    private final Map<String, List<Checkpoint.Gap>> gaps = new HashMap<>();

    public GapBook(Map<String, List<Checkpoint.Gap>> initial) {
        initial.forEach((target, list) -> gaps.put(target, new ArrayList<>(list)));
    }

    /** Records that poll {@code sequence} of {@code target} in run {@code run} is gone. */
    public void add(String target, long run, long sequence) {
        List<Checkpoint.Gap> list = gaps.computeIfAbsent(target, t -> new ArrayList<>());
        if (!list.isEmpty()) {
            Checkpoint.Gap last = list.getLast();
            if (last.run() == run && sequence >= last.first() && sequence <= last.last()) {
                return;
            }
            if (last.run() == run && sequence == last.last() + 1) {
                list.set(list.size() - 1, new Checkpoint.Gap(run, last.first(), sequence));
                return;
            }
        }
        list.add(new Checkpoint.Gap(run, sequence, sequence));
    }

    /** The ranges not yet announced for {@code target}, oldest first. */
    public List<Checkpoint.Gap> of(String target) {
        return List.copyOf(gaps.getOrDefault(target, List.of()));
    }

    /** The first {@code count} ranges of {@code target} were announced. */
    public void announced(String target, int count) {
        List<Checkpoint.Gap> list = gaps.get(target);
        if (list == null) {
            return;
        }
        list.subList(0, Math.min(count, list.size())).clear();
        if (list.isEmpty()) {
            gaps.remove(target);
        }
    }

    public boolean isEmpty() {
        return gaps.isEmpty();
    }

    public Map<String, List<Checkpoint.Gap>> snapshot() {
        Map<String, List<Checkpoint.Gap>> copy = new HashMap<>();
        gaps.forEach((t, l) -> copy.put(t, List.copyOf(l)));
        return copy;
    }
}
