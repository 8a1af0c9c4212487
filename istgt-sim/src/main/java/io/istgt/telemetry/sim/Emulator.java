package io.istgt.telemetry.sim;

import io.istgt.telemetry.sim.event.EventLine;
import io.istgt.telemetry.sim.event.SimEvent;
import io.istgt.telemetry.sim.scenario.Scenario;

/** What a running emulator (one istgt or many) accepts: events now, scenarios for later, and stop. */
public interface Emulator extends AutoCloseable {

    /** Carries out an event now. */
    void apply(SimEvent event);

    /** Carries out an event given as text, e.g. {@code vol1 replica-disconnect 6162} (see docs/emulator.md). */
    default void apply(String eventLine) {
        apply(EventLine.parse(eventLine));
    }

    /** Schedules every step of {@code scenario}, offsets counted from the emulator's start. */
    void run(Scenario scenario);

    /** Stops serving and removes the socket files. */
    @Override
    void close();
}
