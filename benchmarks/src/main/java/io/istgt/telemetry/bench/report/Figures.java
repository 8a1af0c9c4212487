package io.istgt.telemetry.bench.report;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One benchmark's printed result: every figure with its target, the measured value, the ratio where a baseline
 * is named, and pass or fail; then free notes (conditions, flags, load).
 *
 * <pre>{@code
 * Figures f = new Figures("scale", "one collector, 1000 targets every 1s");
 * f.figure("collector CPU", "< 25 % of one core", 17.2, "%", Check.below(25));
 * f.note("JVM flags: -Xmx128m");
 * f.print(System.out);
 * }</pre>
 */
public final class Figures {

    /** Whether a measured value meets its target; {@link #INFO} for figures without one. */
    public interface Check {
        Verdict judge(double measured);

        Check INFO = measured -> Verdict.INFO;

        static Check below(double limit) {
            return measured -> measured < limit ? Verdict.PASS : Verdict.FAIL;
        }

        static Check atMost(double limit) {
            return measured -> measured <= limit ? Verdict.PASS : Verdict.FAIL;
        }

        static Check atLeast(double limit) {
            return measured -> measured >= limit ? Verdict.PASS : Verdict.FAIL;
        }
    }

    public enum Verdict { PASS, FAIL, INFO }

    /** One printed line of the block. */
    public record Figure(String name, String target, double measured, String unit, Verdict verdict) {
        public Figure {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(unit, "unit");
        }
    }

    private final String benchmark;
    private final String what;
    private final Instant startedAt = Instant.now();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Figures(String benchmark, String what) {
        this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
        this.what = Objects.requireNonNull(what, "what");
    }

    /** A figure with a target ({@code target} as printed, {@code check} deciding). */
    public Figures figure(String name, String target, double measured, String unit, Check check) {
        figures.add(new Figure(name, target, measured, unit, check.judge(measured)));
        return this;
    }

    /** A figure reported without a target. */
    public Figures info(String name, double measured, String unit) {
        return figure(name, "-", measured, unit, Check.INFO);
    }

    public Figures note(String note) {
        notes.add(note);
        return this;
    }

    public String benchmark() {
        return benchmark;
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The figure named so; fails naming the ones there are. */
    public Figure get(String name) {
        return figures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no figure '" + name + "' in " + benchmark + ": "
                        + figures.stream().map(Figure::name).toList()));
    }

    /** True when no figure with a target failed. */
    public boolean passed() {
        return figures.stream().noneMatch(f -> f.verdict() == Verdict.FAIL);
    }

    public void print(PrintStream out) {
        int nameWidth = Math.max(24, figures.stream().mapToInt(f -> f.name().length()).max().orElse(0));
        int targetWidth = Math.max(8, figures.stream().mapToInt(f -> f.target().length()).max().orElse(0));
        String rule = "=".repeat(Math.min(120, nameWidth + targetWidth + 40));
        out.println(rule);
        out.printf(Locale.ROOT, "benchmark %s: %s%n", benchmark, what);
        out.printf(Locale.ROOT, "started %s, %d cores, load average %s%n", startedAt,
                Runtime.getRuntime().availableProcessors(), LoadAverage.now());
        out.println(rule);
        out.printf(Locale.ROOT, "%-" + nameWidth + "s  %-" + targetWidth + "s  %18s  %s%n", "figure", "target",
                "measured", "verdict");
        for (Figure f : figures) {
            out.printf(Locale.ROOT, "%-" + nameWidth + "s  %-" + targetWidth + "s  %18s  %s%n", f.name(), f.target(),
                    format(f.measured()) + " " + f.unit(), f.verdict() == Verdict.INFO ? "" : f.verdict());
        }
        for (String note : notes) {
            out.println("  * " + note);
        }
        out.printf(Locale.ROOT, "result: %s%n", passed() ? "PASS" : "FAIL");
        out.println(rule);
        out.flush();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs != 0 && abs < 0.01) {
            return String.format(Locale.ROOT, "%.4f", value);
        }
        if (abs >= 1000 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
