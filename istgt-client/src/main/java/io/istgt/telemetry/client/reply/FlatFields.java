package io.istgt.telemetry.client.reply;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link Fields} over a {@link FlatJson} line: values read where they lie, no tree. It decides only what istgt
 * writes (digits as numbers or strings, plain text, arrays of objects); any other value throws
 * {@link Undecided}, and {@link Fields#read} reads the line again with {@link TreeFields}, which decides it
 * (and words the error) as it always did. Its path for messages is only built when a message needs it.
 */
final class FlatFields extends Fields {

    /** This reading gives the line up to the tree reading. No stack trace: it is control flow. */
    static final class Undecided extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Undecided INSTANCE = new Undecided();

        private Undecided() {
            super("left to the tree reading", null, false, false);
        }
    }

    private static final int MAX_DIGITS = 18;

    private final FlatJson json;
    private final int node;
    private final FlatFields parent;
    private final String field;
    private final int index;
    private String where;

    FlatFields(FlatJson json, String where) {
        this(json, 0, null, null, -1);
        this.where = where;
    }

    private FlatFields(FlatJson json, int node, FlatFields parent, String field, int index) {
        this.json = json;
        this.node = node;
        this.parent = parent;
        this.field = field;
        this.index = index;
    }

    @Override
    String where() {
        if (where == null) {
            where = parent.where() + " " + field + (index < 0 ? "" : "[" + index + "]");
        }
        return where;
    }

    /** The member's node, or -1 when absent or null. */
    private int present(String name) {
        int m = json.member(node, name);
        return m < 0 || json.kind[m] == FlatJson.NULL ? -1 : m;
    }

    @Override
    boolean has(String name) {
        return present(name) >= 0;
    }

    @Override
    Long counter(String name) {
        int m = present(name);
        return m < 0 ? null : toCounter(m);
    }

    private long toCounter(int m) {
        byte kind = json.kind[m];
        if (kind == FlatJson.NUMBER) {
            return json.number[m];
        }
        if (kind != FlatJson.STRING) {
            throw Undecided.INSTANCE;
        }
        int from = json.start[m];
        int to = json.end[m];
        if (to == from || to - from > MAX_DIGITS) {
            throw Undecided.INSTANCE;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = json.charAt(i);
            if (c < '0' || c > '9') {
                throw Undecided.INSTANCE;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    @Override
    String text(String name) {
        int m = present(name);
        if (m < 0) {
            return null;
        }
        byte kind = json.kind[m];
        if (kind != FlatJson.STRING && kind != FlatJson.NUMBER) {
            throw Undecided.INSTANCE;
        }
        // A number's text is its digits as written: FlatJson reads no leading zeros, signs or fractions.
        return json.string(m);
    }

    @Override
    List<Fields> objects(String name) {
        int m = present(name);
        if (m < 0) {
            return List.of();
        }
        if (json.kind[m] != FlatJson.ARRAY) {
            throw Undecided.INSTANCE;
        }
        List<Fields> out = new ArrayList<>(json.count(m));
        int i = 0;
        for (int e = json.first[m]; e >= 0; e = json.next[e]) {
            if (json.kind[e] != FlatJson.OBJECT) {
                throw Undecided.INSTANCE;
            }
            out.add(new FlatFields(json, e, this, name, i++));
        }
        return out;
    }

    @Override
    List<Long> counters(String name) {
        int m = present(name);
        if (m < 0) {
            return null;
        }
        if (json.kind[m] != FlatJson.ARRAY) {
            throw Undecided.INSTANCE;
        }
        List<Long> out = new ArrayList<>(json.count(m));
        for (int e = json.first[m]; e >= 0; e = json.next[e]) {
            out.add(toCounter(e));
        }
        return out;
    }

    @Override
    Fields object(String name) {
        int m = present(name);
        if (m < 0) {
            return null;
        }
        if (json.kind[m] != FlatJson.OBJECT) {
            throw Undecided.INSTANCE;
        }
        return new FlatFields(json, m, this, name, -1);
    }

    @Override
    MalformedReplyException wrongValue(String name, String expected) {
        throw Undecided.INSTANCE;
    }
}
