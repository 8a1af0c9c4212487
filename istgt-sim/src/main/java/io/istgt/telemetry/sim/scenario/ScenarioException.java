package io.istgt.telemetry.sim.scenario;

import java.util.List;

/** A scenario file that cannot be used, with one message per bad line ({@code FILE line N: why}). */
public final class ScenarioException extends IllegalArgumentException {

    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
