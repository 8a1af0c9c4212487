package io.istgt.telemetry.sim.model;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How generated IO is split between SCSI commands, as integer weights. IO number {@code i} (counted from 0) gets
 * the command of slot {@code i mod W} (W = sum of weights); so the count of each command after N IOs is exact and
 * monotonic, with no randomness and no per-IO cost.
 */
public final class IoMix {

    private final Map<ScsiOp, Integer> weights;
    private final ScsiOp[] slots;
    private final long[][] prefix; // prefix[op.ordinal()][j] = slots of op before slot j

    private IoMix(Map<ScsiOp, Integer> weights) {
        this.weights = Map.copyOf(weights);
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("an IO mix needs at least one positive weight, got " + weights);
        }
        slots = interleave(new EnumMap<>(weights), total);
        prefix = new long[ScsiOp.values().length][total + 1];
        for (int j = 0; j < total; j++) {
            for (ScsiOp op : ScsiOp.values()) {
                prefix[op.ordinal()][j + 1] = prefix[op.ordinal()][j] + (slots[j] == op ? 1 : 0);
            }
        }
    }

    /** Mostly 10-byte commands, some 16-byte ones and a few cache syncs. */
    public static IoMix standard() {
        return of(Map.of(ScsiOp.READ10, 8, ScsiOp.READ16, 1, ScsiOp.WRITE10, 8, ScsiOp.WRITE16, 1, ScsiOp.SYNC10, 2));
    }

    public static IoMix of(Map<ScsiOp, Integer> weights) {
        weights.forEach((op, w) -> {
            if (w < 0) {
                throw new IllegalArgumentException("IO mix weight of " + op + " must not be negative, got " + w);
            }
        });
        return new IoMix(weights);
    }

    /** Parses {@code read10=2,write10=3}: the form the CLI and scenarios use. */
    public static IoMix parse(String text) {
        Map<ScsiOp, Integer> weights = new EnumMap<>(ScsiOp.class);
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("IO mix entry '" + part + "' is not op=weight (e.g. read10=8)");
            }
            ScsiOp op;
            try {
                op = ScsiOp.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown SCSI command '" + kv[0] + "' in IO mix; known: "
                        + java.util.Arrays.toString(ScsiOp.values()).toLowerCase(Locale.ROOT), e);
            }
            try {
                weights.put(op, Integer.parseInt(kv[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("IO mix weight '" + kv[1] + "' of " + kv[0] + " is not a number", e);
            }
        }
        return of(weights);
    }

    /** How many of the IOs numbered {@code [0, n)} are {@code op}. */
    public long countBefore(ScsiOp op, long n) {
        int w = slots.length;
        return (n / w) * weights.getOrDefault(op, 0) + prefix[op.ordinal()][(int) (n % w)];
    }

    public Map<ScsiOp, Integer> weights() {
        return weights;
    }

    // Smooth weighted round robin: each command gets exactly its weight of slots per cycle, spread evenly, so
    // short runs already look like the mix.
    private static ScsiOp[] interleave(Map<ScsiOp, Integer> weights, int total) {
        ScsiOp[] result = new ScsiOp[total];
        long[] current = new long[ScsiOp.values().length];
        for (int j = 0; j < total; j++) {
            ScsiOp best = null;
            for (ScsiOp op : ScsiOp.values()) {
                int w = weights.getOrDefault(op, 0);
                if (w == 0) {
                    continue;
                }
                current[op.ordinal()] += w;
                if (best == null || current[op.ordinal()] > current[best.ordinal()]) {
                    best = op;
                }
            }
            current[best.ordinal()] -= total;
            result[j] = best;
        }
        return result;
    }

    @Override
    public String toString() {
        return weights.toString();
    }
}
