package io.istgt.telemetry.sim.wire;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * istgt's version string carries its build time as C's {@code __TIME__:__DATE__}, e.g.
 * {@code 20:23:24:Nov 23 2026}; {@code __DATE__} pads a one-digit day with a space ({@code Nov  3 2026}).
 * The emulator uses its own start time, so the stamp stays the same across emulated restarts.
 */
public final class BuildStamp {

    private BuildStamp() {
    }

    public static String of(Instant at, ZoneId zone) {
        ZonedDateTime t = at.atZone(zone);
        return String.format(Locale.ROOT, "%02d:%02d:%02d:%s %2d %d", t.getHour(), t.getMinute(), t.getSecond(),
                t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ROOT), t.getDayOfMonth(), t.getYear());
    }
}
