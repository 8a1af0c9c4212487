package io.istgt.telemetry.replay.cli;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a point in time as an SRE types it at 03:00: an ISO-8601 instant ({@code 2026-11-25T02:10:00Z}, or
 * with an offset {@code +01:00}), a local date-time in the chosen zone ({@code 2026-11-25T02:10},
 * {@code 2026-11-25 02:10:30}, or a date alone for its midnight), {@code now}, or an offset from now
 * ({@code -30m}, {@code -1h30m}, {@code -2d}, {@code -90s}).
 */
public final class TimeArgument {

    private static final Pattern RELATIVE = Pattern.compile("-((?:\\d+[dhms])+)");
    private static final Pattern RELATIVE_PART = Pattern.compile("(\\d+)([dhms])");

    private TimeArgument() {
    }

    /**
     * @param option the option's name, for the error message
     * @throws IllegalArgumentException naming the option and the accepted forms
     */
    public static Instant parse(String option, String text, ZoneId zone, Clock clock) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(option + ": no time given; " + forms());
        }
        if (value.equalsIgnoreCase("now")) {
            return clock.instant();
        }
        Matcher relative = RELATIVE.matcher(value.toLowerCase(Locale.ROOT));
        if (relative.matches()) {
            return clock.instant().minus(duration(relative.group(1)));
        }
        String iso = value.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) (\\d)", "$1T$2");
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // fall through: a zone id, a local date-time or a date
        }
        try {
            return ZonedDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException notZoned) {
            // fall through
        }
        try {
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocal) {
            // fall through
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + ": cannot read '" + text + "' as a time; " + forms(), e);
        }
    }

    /** A duration written like {@code 90s}, {@code 5m}, {@code 1h30m}, {@code 2d} (also ISO {@code PT5M}). */
    public static Duration parseDuration(String option, String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (value.matches("(\\d+[dhms])+")) {
            return duration(value);
        }
        try {
            Duration d = Duration.parse(value.toUpperCase(Locale.ROOT));
            if (d.isNegative()) {
                throw new IllegalArgumentException(option + ": '" + text + "' is negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": cannot read '" + text
                    + "' as a duration; write e.g. 90s, 5m, 1h30m, 2d or PT5M", e);
        }
    }

    private static Duration duration(String parts) {
        Duration total = Duration.ZERO;
        Matcher m = RELATIVE_PART.matcher(parts);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        return total;
    }

    private static String forms() {
        return "write an instant (2026-11-25T02:10:00Z, 2026-11-25T03:10:00+01:00), a local time in --zone "
                + "(2026-11-25T02:10, '2026-11-25 02:10:30', 2026-11-25), now, or an offset from now (-30m, -1h30m, -2d)";
    }
}
