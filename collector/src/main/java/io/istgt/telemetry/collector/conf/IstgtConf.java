package io.istgt.telemetry.collector.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the collector takes from an istgt.conf: each {@code [LogicalUnitN]} section's replication settings, by the
 * iqn of the volume the section serves, and what in the file could not be read.
 *
 * <p>istgt's configuration format: {@code [Section]} headers, then one {@code Key value...} per line, {@code #}
 * comments, values optionally in double quotes. A section's iqn is its {@code TargetName} when that is a whole
 * name ({@code iqn.}/{@code eui.}/{@code naa.}), else the {@code [Global]} section's {@code NodeBase}, a colon,
 * and the TargetName: the rule istgt itself applies. Written by hand because no served library reads istgt's
 * format (it is neither INI nor properties: keys repeat, values have several words).
 *
 * @param path     the file read
 * @param volumes  iqn → its section's settings, in file order
 * @param problems what could not be read, each naming the line (empty for a clean file)
 */
public record IstgtConf(Path path, Map<String, ReplicationSettings> volumes, List<String> problems) {

    public IstgtConf {
        Objects.requireNonNull(path, "path");
        volumes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
        problems = List.copyOf(problems);
    }

    /**
     * A volume's replication settings as its section states them; a value the section does not give (or gives
     * unreadably) is null.
     */
    public record ReplicationSettings(Integer replicationFactor, Integer consistencyFactor,
                                      Integer desiredReplicationFactor, Path source) {
        public ReplicationSettings {
            Objects.requireNonNull(source, "source");
        }
    }

    /** Reads the text of {@code path}; never throws for what the text holds, but lists it in {@link #problems}. */
    public static IstgtConf parse(Path path, String text) {
        List<String> problems = new ArrayList<>();
        List<Section> units = new ArrayList<>();
        String nodeBase = null;
        Section current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNumber = i + 1;
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    problems.add(where(path, lineNumber) + "'" + line + "' is not a [Section] header");
                    current = null;
                    continue;
                }
                current = new Section(line.substring(1, line.length() - 1).strip(), lineNumber);
                if (current.name.toLowerCase(Locale.ROOT).startsWith("logicalunit")) {
                    units.add(current);
                }
                continue;
            }
            if (current == null) {
                problems.add(where(path, lineNumber) + "'" + line + "' comes before any [Section] header");
                continue;
            }
            String[] words = line.split("\\s+", 2);
            String value = words.length < 2 ? "" : unquote(words[1].strip());
            if (current.name.equalsIgnoreCase("Global") && words[0].equalsIgnoreCase("NodeBase")) {
                nodeBase = value;
            }
            current.values.putIfAbsent(words[0].toLowerCase(Locale.ROOT), new Value(value, lineNumber));
        }
        Map<String, ReplicationSettings> volumes = new LinkedHashMap<>();
        for (Section unit : units) {
            Value targetName = unit.values.get("targetname");
            if (targetName == null || targetName.text.isEmpty()) {
                problems.add(where(path, unit.line) + "[" + unit.name + "] has no TargetName");
                continue;
            }
            String iqn = iqn(nodeBase, targetName.text);
            if (iqn == null) {
                problems.add(where(path, targetName.line) + "[" + unit.name + "] TargetName " + targetName.text
                        + " needs a NodeBase in [Global] to make an iqn");
                continue;
            }
            ReplicationSettings settings = new ReplicationSettings(
                    factor(unit, "ReplicationFactor", path, problems),
                    factor(unit, "ConsistencyFactor", path, problems),
                    factor(unit, "DesiredReplicationFactor", path, problems), path);
            if (volumes.putIfAbsent(iqn, settings) != null) {
                problems.add(where(path, unit.line) + "[" + unit.name + "] serves " + iqn
                        + " again; the first section is used");
            }
        }
        return new IstgtConf(path, volumes, problems);
    }

    private static String iqn(String nodeBase, String targetName) {
        String lower = targetName.toLowerCase(Locale.ROOT);
        if (lower.startsWith("iqn.") || lower.startsWith("eui.") || lower.startsWith("naa.")) {
            return targetName;
        }
        return nodeBase == null || nodeBase.isEmpty() ? null : nodeBase + ":" + targetName;
    }

    private static Integer factor(Section unit, String key, Path path, List<String> problems) {
        Value v = unit.values.get(key.toLowerCase(Locale.ROOT));
        if (v == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(v.text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, as a value below 1 is
        }
        problems.add(where(path, v.line) + "[" + unit.name + "] " + key + " '" + v.text
                + "' is not a whole number of replicas (1 or more); left out");
        return null;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String where(Path path, int line) {
        return path + " line " + line + ": ";
    }

    private record Value(String text, int line) {
    }

    private static final class Section {
        final String name;
        final int line;
        final Map<String, Value> values = new LinkedHashMap<>();

        Section(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }
}
