package io.istgt.telemetry.replay.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Times in the zone the reader chose: the time of day alone when the window lies within one day, with the
 * date otherwise, so columns stay short and unambiguous.
 */
public final class TimeFormat {

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final ZoneId zone;
    private final DateTimeFormatter short_;

    public TimeFormat(ZoneId zone, Instant from, Instant to) {
        this.zone = zone;
        boolean oneDay = from.atZone(zone).toLocalDate().equals(to.atZone(zone).toLocalDate());
        this.short_ = DateTimeFormatter.ofPattern(oneDay ? "HH:mm:ss" : "MM-dd HH:mm:ss");
    }

    public ZoneId zone() {
        return zone;
    }

    /** Within the window: {@code 02:10:00}, or {@code 11-25 02:10:00} for a window over several days. */
    public String time(Instant at) {
        return short_.format(at.atZone(zone));
    }

    public String full(Instant at) {
        return FULL.format(at.atZone(zone));
    }

    /** The zone as a person names it, with its offset at {@code at}: {@code Europe/Berlin (UTC+01:00)}. */
    public String zoneName(Instant at) {
        ZonedDateTime z = at.atZone(zone);
        String offset = z.getOffset().getId().equals("Z") ? "UTC" : "UTC" + z.getOffset().getId();
        return zone.getId().equals("Z") || zone.getId().equals("UTC") ? "UTC" : zone.getId() + " (" + offset + ")";
    }

    public int width() {
        return time(Instant.EPOCH).length();
    }
}
