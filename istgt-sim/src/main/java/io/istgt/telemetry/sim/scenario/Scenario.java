package io.istgt.telemetry.sim.scenario;

import io.istgt.telemetry.sim.event.EventLine;
import io.istgt.telemetry.sim.event.SimEvent;
import io.istgt.telemetry.sim.event.Units;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A scenario file: timed events, one per line, {@code +OFFSET VOLUME EVENT [ARGS...]}, offsets counted from
 * the emulator's start; {@code #} starts a comment. The format is documented in docs/emulator.md.
 *
 * <pre>
 * +30s  vol1 replica-disconnect 6162
 * +1m   vol1 replica-connect 6162
 * </pre>
 */
public record Scenario(String source, List<Step> steps) {

    /** One timed event and the line it came from. */
    public record Step(Duration offset, SimEvent event, int line) {
    }

    public Scenario {
        steps = steps.stream().sorted(Comparator.comparing(Step::offset).thenComparingInt(Step::line)).toList();
    }

    public static Scenario load(Path file) {
        try {
            return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + file, e);
        }
    }

    /**
     * Parses scenario lines; every problem is reported with its line number, all of them at once.
     *
     * @throws ScenarioException naming the source, each bad line and why
     */
    public static Scenario parse(String source, List<String> lines) {
        List<Step> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            try {
                steps.add(step(text, lineNo));
            } catch (IllegalArgumentException e) {
                problems.add(source + " line " + lineNo + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return new Scenario(source, steps);
    }

    private static Step step(String text, int lineNo) {
        if (!text.startsWith("+")) {
            throw new IllegalArgumentException("expected '+OFFSET VOLUME EVENT [ARGS...]' (e.g. '+30s vol1 restart'),"
                    + " got '" + text + "'");
        }
        String[] parts = text.split("\\s+", 2);
        Duration offset = Units.duration(parts[0].substring(1));
        if (parts.length < 2) {
            throw new IllegalArgumentException("missing VOLUME and EVENT after " + parts[0]);
        }
        return new Step(offset, EventLine.parse(parts[1]), lineNo);
    }
}
