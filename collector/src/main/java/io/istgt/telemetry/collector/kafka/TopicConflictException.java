package io.istgt.telemetry.collector.kafka;

import java.util.List;

/** The collector's topics are missing (and may not be created) or conflict with its settings: it cannot start. */
public final class TopicConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> conflicts;

    public TopicConflictException(List<String> conflicts) {
        super(conflicts.size() == 1 ? conflicts.getFirst()
                : conflicts.size() + " topic problems:\n  - " + String.join("\n  - ", conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<String> conflicts() {
        return conflicts;
    }
}
