package io.istgt.telemetry.sim.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON tree printed exactly as json-c's {@code json_object_to_json_string_ext} prints it, so the emulator's
 * bytes equal istgt's. A general JSON library cannot do this: json-c's "spaced" style (IOSTATS, ISTGTSTATUS)
 * puts a space after {@code {} and {@code [}, after each {@code ,} and before the closing bracket, prints an
 * empty array as {@code [ ]} and escapes {@code /} as {@code \/}; its "plain" style (REPLICA, MEMPOOL) has no
 * spaces at all. Keys keep insertion order, as json-c's linked hash does.
 */
public final class JsonC {

    /** json-c's output flavours: {@code JSON_C_TO_STRING_SPACED} and {@code JSON_C_TO_STRING_PLAIN}. */
    public enum Style { SPACED, PLAIN }

    private sealed interface Value {
    }

    private record Str(String text) implements Value {
    }

    private record Num(String digits) implements Value {
    }

    private record Arr(List<Value> items) implements Value {
    }

    /** A JSON object under construction; methods return {@code this}. */
    public static final class Obj implements Value {
        private final List<String> keys = new ArrayList<>();
        private final List<Value> values = new ArrayList<>();

        public Obj str(String key, String value) {
            return put(key, new Str(value));
        }

        /** An unsigned 64-bit counter as istgt prints it: a JSON string of digits. */
        public Obj u64(String key, long unsignedValue) {
            return put(key, new Str(Long.toUnsignedString(unsignedValue)));
        }

        /** A JSON number (json-c's int or int64). */
        public Obj num(String key, long value) {
            return put(key, new Num(Long.toString(value)));
        }

        public Obj obj(String key, Obj value) {
            return put(key, value);
        }

        public Obj arr(String key, List<?> items) {
            List<Value> values = new ArrayList<>();
            for (Object item : items) {
                if (item instanceof Obj o) {
                    values.add(o);
                } else if (item instanceof String s) {
                    values.add(new Str(s));
                } else if (item instanceof Number n) {
                    values.add(new Num(n.toString()));
                } else {
                    throw new IllegalArgumentException("cannot put a " + item.getClass() + " in a JSON array");
                }
            }
            return put(key, new Arr(values));
        }

        private Obj put(String key, Value value) {
            keys.add(key);
            values.add(value);
            return this;
        }

        public String render(Style style) {
            StringBuilder out = new StringBuilder();
            write(this, style, out);
            return out.toString();
        }
    }

    private JsonC() {
    }

    public static Obj object() {
        return new Obj();
    }

    private static void write(Value value, Style style, StringBuilder out) {
        boolean spaced = style == Style.SPACED;
        switch (value) {
            case Str s -> escape(s.text(), out);
            case Num n -> out.append(n.digits());
            case Obj o -> {
                out.append('{');
                for (int i = 0; i < o.keys.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (spaced) {
                        out.append(' ');
                    }
                    escape(o.keys.get(i), out);
                    out.append(spaced ? ": " : ":");
                    write(o.values.get(i), style, out);
                }
                if (spaced) {
                    out.append(' ');
                }
                out.append('}');
            }
            case Arr a -> {
                out.append('[');
                for (int i = 0; i < a.items().size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    if (spaced) {
                        out.append(' ');
                    }
                    write(a.items().get(i), style, out);
                }
                if (spaced) {
                    out.append(' ');
                }
                out.append(']');
            }
        }
    }

    // json-c's json_escape_str: the usual escapes, "/" too, other control characters as backslash-u00XX (lowercase hex).
    private static void escape(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                default -> {
                    if (c < ' ') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
