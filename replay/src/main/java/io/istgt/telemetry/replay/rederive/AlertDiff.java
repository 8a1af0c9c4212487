package io.istgt.telemetry.replay.rederive;

import io.istgt.telemetry.schemas.Alert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The alerts re-derived offline next to the ones the analytics raised: each change (kind, replica, FIRING or
 * RESOLVED) matched by its event time, exactly or within a tolerance (the silence rule fires on the wall
 * clock, which the offline run can only approximate).
 */
public record AlertDiff(List<Row> rows) {

    public enum Side { SAME, ONLY_REDERIVED, ONLY_RAISED }

    /**
     * @param raised    the alert from istgt.alerts, null when only re-derived
     * @param rederived the re-derived alert, null when only raised
     */
    public record Row(Side side, Alert raised, Alert rederived) {

        public Row {
            Objects.requireNonNull(side, "side");
            if (raised == null && rederived == null) {
                throw new IllegalArgumentException("a diff row shows at least one alert");
            }
        }

        /** The alert to show: the raised one where there is one. */
        public Alert alert() {
            return raised != null ? raised : rederived;
        }

        /** How far the re-derived change's time is from the raised one's (zero when exact or one-sided). */
        public Duration offset() {
            return raised == null || rederived == null ? Duration.ZERO
                    : Duration.between(raised.getEventAt(), rederived.getEventAt());
        }
    }

    public AlertDiff {
        rows = List.copyOf(rows);
    }

    public static AlertDiff of(List<Alert> raised, List<Alert> rederived, Duration tolerance) {
        List<Alert> pending = new ArrayList<>(rederived);
        List<Row> rows = new ArrayList<>();
        List<Alert> unmatched = new ArrayList<>();
        for (Alert r : raised) {
            Alert exact = take(pending, r, Duration.ZERO);
            if (exact != null) {
                rows.add(new Row(Side.SAME, r, exact));
            } else {
                unmatched.add(r);
            }
        }
        for (Alert r : unmatched) {
            Alert near = take(pending, r, tolerance);
            rows.add(near != null ? new Row(Side.SAME, r, near) : new Row(Side.ONLY_RAISED, r, null));
        }
        pending.forEach(d -> rows.add(new Row(Side.ONLY_REDERIVED, null, d)));
        rows.sort(Comparator.comparing((Row row) -> row.alert().getEventAt())
                .thenComparing(row -> row.alert().getKind().name())
                .thenComparing(row -> String.valueOf(row.alert().getReplicaId())));
        return new AlertDiff(rows);
    }

    public long count(Side side) {
        return rows.stream().filter(r -> r.side() == side).count();
    }

    /** True when every raised alert was re-derived and nothing else was. */
    public boolean identical() {
        return count(Side.SAME) == rows.size();
    }

    private static Alert take(List<Alert> candidates, Alert wanted, Duration tolerance) {
        Alert best = null;
        long bestGap = Long.MAX_VALUE;
        for (Alert c : candidates) {
            if (c.getKind() == wanted.getKind() && c.getState() == wanted.getState()
                    && Objects.equals(c.getReplicaId(), wanted.getReplicaId())) {
                long gap = Math.abs(Duration.between(c.getEventAt(), wanted.getEventAt()).toMillis());
                if (gap <= tolerance.toMillis() && gap < bestGap) {
                    best = c;
                    bestGap = gap;
                }
            }
        }
        if (best != null) {
            Iterator<Alert> it = candidates.iterator();
            while (it.hasNext()) {
                if (it.next() == best) {
                    it.remove();
                    break;
                }
            }
        }
        return best;
    }
}
