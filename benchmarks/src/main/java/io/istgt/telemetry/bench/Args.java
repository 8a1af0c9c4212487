package io.istgt.telemetry.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark's options: {@code --key value} or {@code --key=value}, each read once with its default; an option
 * no benchmark read is an error naming it (a typo must not silently run the defaults).
 */
public final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Set<String> read = new java.util.HashSet<>();

    public Args(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got '" + a + "'");
            }
            String key = a.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                values.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(key, args.get(++i));
            } else {
                values.put(key, "true");
            }
        }
    }

    public static Args of(String... args) {
        return new Args(List.of(args));
    }

    public String string(String key, String fallback) {
        read.add(key);
        return values.getOrDefault(key, fallback);
    }

    public int integer(String key, int fallback) {
        String v = string(key, null);
        try {
            return v == null ? fallback : Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a whole number, got '" + v + "'", e);
        }
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(string(key, "false"));
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}. */
    public Duration duration(String key, Duration fallback) {
        String v = string(key, null);
        if (v == null) {
            return fallback;
        }
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException("unit");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("--" + key + " must be a duration like 500ms, 10s or 2m, got '" + v + "'",
                    e);
        }
    }

    /** Fails naming every option that was given but not read. */
    public void requireAllRead(String benchmark) {
        List<String> unknown = values.keySet().stream().filter(k -> !read.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) for " + benchmark + ": "
                    + unknown.stream().map(k -> "--" + k).toList());
        }
    }
}
