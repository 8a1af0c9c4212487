package io.istgt.telemetry.client.reply;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One JSON object of a reply line read in a single pass without building a tree: each value is a node holding
 * where it lies in the line (strings are not copied) and, for whole numbers, its value; the members of an object
 * or array are linked in order. This is every poll's path, so it allocates a handful of arrays per line and
 * nothing per value.
 *
 * <p>It reads a strict subset of JSON, the shape istgt writes: whole non-negative numbers up to 18 digits, strings
 * without escapes, {@code true}, {@code false}, {@code null}, no duplicate keys, nesting up to 32 deep. Each
 * object gets a small hash table of its members, so a lookup by name is one probe whatever the order asked. Anything
 * else, malformed or merely unusual (an escape, a fraction, a negative or huge number), makes {@link #parse}
 * return null, and the caller reads the line with Jackson's tree model instead, which gives the exact same values
 * for what both accept, and the error messages.
 *
 * <p>The arrays are reused from line to line: {@link #parse} takes the spare instance if there is one, and the
 * caller gives it back with {@link #release} once it has read its values (they are copied out as Strings and
 * longs). A one-slot pool, as the serializer's buffer: the collector polls from one virtual thread per target,
 * so a parse finding the slot empty makes its own instance, and a ThreadLocal would make one per poll.
 */
final class FlatJson {

    static final byte OBJECT = 1;
    static final byte ARRAY = 2;
    static final byte STRING = 3;
    static final byte NUMBER = 4;
    static final byte TRUE = 5;
    static final byte FALSE = 6;
    static final byte NULL = 7;

    private static final int MAX_DEPTH = 32;
    private static final int MAX_DIGITS = 18;
    /** Thrown to give up on a line: no stack trace, it is control flow. */
    private static final RuntimeException DECLINE = new RuntimeException("not in the strict subset", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private static final AtomicReference<FlatJson> SPARE = new AtomicReference<>();

    /**
     * The line's characters, then a 0, then whatever longer earlier lines left. The 0 is below a space, so a
     * string, name or value cut by the end of the line stops there and is declined, as the end of a new array
     * stopped it (a parse reading past the line could not succeed anyway: it must end exactly at its end).
     * Indexing an array is cheaper than {@code String.charAt} in the loops below.
     */
    private char[] text = new char[1024];
    /** Characters of the line in {@link #text}. */
    private int length;
    /** The same line as a String, for comparing names: {@code regionMatches} compares whole runs at once. */
    private String line;
    private int pos;
    private int size;
    byte[] kind;
    int[] nameStart;
    int[] nameEnd;
    int[] nameHash;
    int[] start;
    int[] end;
    long[] number;
    int[] first;
    int[] next;
    /** Per object: where its open-addressing table of members by name hash starts in {@link #table}, and its mask. */
    int[] tableAt;
    int[] tableMask;
    /** The members' tables, -1 for an empty slot. */
    private int[] table;
    private int tableSize;

    private FlatJson() {
        // istgt's longest lines (4096 bytes) hold about 200 values; arrays grow once if a line holds more.
        int capacity = 256;
        kind = new byte[capacity];
        nameStart = new int[capacity];
        nameEnd = new int[capacity];
        nameHash = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
        number = new long[capacity];
        first = new int[capacity];
        next = new int[capacity];
        tableAt = new int[capacity];
        tableMask = new int[capacity];
        table = new int[capacity * 4];
    }

    private void reset(String line) {
        this.line = line;
        length = line.length();
        if (text.length <= length) {
            text = new char[Math.max(length + 1, text.length * 2)];
        }
        line.getChars(0, length, text, 0);
        text[length] = 0;
        pos = 0;
        size = 0;
        tableSize = 0;
    }

    /** Gives the arrays to the next parse; this instance must not be read after. */
    void release() {
        line = null;
        SPARE.set(this);
    }

    /** The object on the line as node 0, or null when the line is not in the subset (or not JSON at all). */
    static FlatJson parse(String line) {
        FlatJson json = SPARE.getAndSet(null);
        if (json == null) {
            json = new FlatJson();
        }
        json.reset(line);
        try {
            json.skipSpace();
            if (json.pos >= json.length || json.text[json.pos] != '{') {
                json.release();
                return null;
            }
            json.value(-1, -1, 0, 0);
            json.skipSpace();
            if (json.pos == json.length) {
                return json;
            }
        } catch (RuntimeException e) {
            if (e != DECLINE && !(e instanceof IndexOutOfBoundsException)) {
                throw e;
            }
        }
        json.release();
        return null;
    }

    /** The member of object {@code node} named {@code name}, or -1: one probe of its table, mostly. */
    int member(int node, String name) {
        int hash = name.hashCode();
        int mask = tableMask[node];
        int at = tableAt[node];
        int nameLength = name.length();
        for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
            int m = table[at + slot];
            if (m < 0) {
                return -1;
            }
            if (nameHash[m] == hash && nameEnd[m] - nameStart[m] == nameLength && sameName(nameStart[m], name)) {
                return m;
            }
        }
    }

    private static int mix(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** Fills the table of an object whose members are all read: twice as many slots as members, at least 4. */
    private void index(int object, int members) {
        int slots = Math.max(4, Integer.highestOneBit(members) * 4);
        if (tableSize + slots > table.length) {
            table = Arrays.copyOf(table, Math.max(table.length * 2, tableSize + slots));
        }
        int at = tableSize;
        Arrays.fill(table, at, at + slots, -1);
        tableSize += slots;
        tableAt[object] = at;
        tableMask[object] = slots - 1;
        for (int m = first[object]; m >= 0; m = next[m]) {
            int slot = mix(nameHash[m]) & (slots - 1);
            while (true) {
                int there = table[at + slot];
                if (there < 0) {
                    table[at + slot] = m;
                    break;
                }
                if (nameHash[there] == nameHash[m] && Arrays.equals(text, nameStart[there], nameEnd[there], text,
                        nameStart[m], nameEnd[m])) {
                    // Jackson's tree keeps the last of duplicate keys; rare enough to leave to it.
                    throw DECLINE;
                }
                slot = (slot + 1) & (slots - 1);
            }
        }
    }

    private boolean sameName(int at, String name) {
        return line.regionMatches(at, name, 0, name.length());
    }

    String string(int node) {
        return new String(text, start[node], end[node] - start[node]);
    }

    char charAt(int index) {
        return text[index];
    }

    int count(int node) {
        int n = 0;
        for (int m = first[node]; m >= 0; m = next[m]) {
            n++;
        }
        return n;
    }

    private int value(int nameFrom, int nameTo, int hash, int depth) {
        if (depth > MAX_DEPTH) {
            throw DECLINE;
        }
        char c = text[pos];
        int node;
        switch (c) {
            case '{' -> {
                node = node(OBJECT, nameFrom, nameTo, hash);
                pos++;
                members(node, depth);
            }
            case '[' -> {
                node = node(ARRAY, nameFrom, nameTo, hash);
                pos++;
                elements(node, depth);
            }
            case '"' -> {
                node = node(STRING, nameFrom, nameTo, hash);
                start[node] = pos + 1;
                end[node] = stringEnd();
            }
            case 't' -> node = literal("true", TRUE, nameFrom, nameTo, hash);
            case 'f' -> node = literal("false", FALSE, nameFrom, nameTo, hash);
            case 'n' -> node = literal("null", NULL, nameFrom, nameTo, hash);
            default -> node = number(nameFrom, nameTo, hash);
        }
        return node;
    }

    private void members(int object, int depth) {
        skipSpace();
        if (text[pos] == '}') {
            pos++;
            index(object, 0);
            return;
        }
        int last = -1;
        int count = 0;
        while (true) {
            if (text[pos] != '"') {
                throw DECLINE;
            }
            int from = pos + 1;
            long scanned = name(from);
            int i = (int) scanned;
            int hash = (int) (scanned >>> 32);
            pos = i + 1;
            skipSpace();
            if (text[pos] != ':') {
                throw DECLINE;
            }
            pos++;
            skipSpace();
            int member = value(from, i, hash, depth + 1);
            last = link(object, last, member);
            count++;
            skipSpace();
            char c = text[pos++];
            if (c == '}') {
                index(object, count);
                return;
            }
            if (c != ',') {
                throw DECLINE;
            }
            skipSpace();
        }
    }

    /**
     * The name starting at {@code from}: its {@code String.hashCode} in the high half, where it ends (its closing
     * quote) in the low half. Two characters a step: the hash then waits on one multiply per two characters rather
     * than per character (names are most of istgt's lines; FlatJson.parse of the benchmark's two lines took about
     * 0.2 us less of 3.1). A character read past the quote is at most the 0 after the line.
     */
    private long name(int from) {
        char[] t = text;
        int hash = 0;
        int i = from;
        while (true) {
            char c0 = t[i];
            if (c0 == '"') {
                break;
            }
            if (c0 == '\\' || c0 < ' ') {
                throw DECLINE;
            }
            char c1 = t[i + 1];
            if (c1 == '"') {
                hash = 31 * hash + c0;
                i++;
                break;
            }
            if (c1 == '\\' || c1 < ' ') {
                throw DECLINE;
            }
            hash = 961 * hash + 31 * c0 + c1;
            i += 2;
        }
        return (long) hash << 32 | i;
    }

    private void elements(int array, int depth) {
        skipSpace();
        if (text[pos] == ']') {
            pos++;
            return;
        }
        int last = -1;
        while (true) {
            int element = value(-1, -1, 0, depth + 1);
            last = link(array, last, element);
            skipSpace();
            char c = text[pos++];
            if (c == ']') {
                return;
            }
            if (c != ',') {
                throw DECLINE;
            }
            skipSpace();
        }
    }

    private int link(int parent, int last, int child) {
        if (last < 0) {
            first[parent] = child;
        } else {
            next[last] = child;
        }
        return child;
    }

    /** Past the closing quote of the string starting at pos; returns where its content ends. */
    private int stringEnd() {
        int i = pos + 1;
        for (char c = text[i]; c != '"'; c = text[++i]) {
            if (c == '\\' || c < ' ') {
                throw DECLINE;
            }
        }
        pos = i + 1;
        return i;
    }

    private boolean startsWith(String word) {
        if (pos + word.length() > length) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (text[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private int literal(String word, byte type, int nameFrom, int nameTo, int hash) {
        if (!startsWith(word)) {
            throw DECLINE;
        }
        pos += word.length();
        return node(type, nameFrom, nameTo, hash);
    }

    private int number(int nameFrom, int nameTo, int hash) {
        int from = pos;
        long value = 0;
        int i = pos;
        while (i < length) {
            char c = text[i];
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
            i++;
        }
        int digits = i - from;
        if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && text[from] == '0')) {
            throw DECLINE;
        }
        if (i < length) {
            char after = text[i];
            if (after == '.' || after == 'e' || after == 'E' || Character.isLetterOrDigit(after)) {
                throw DECLINE;
            }
        }
        pos = i;
        int node = node(NUMBER, nameFrom, nameTo, hash);
        number[node] = value;
        start[node] = from;
        end[node] = i;
        return node;
    }

    private int node(byte type, int nameFrom, int nameTo, int hash) {
        if (size == kind.length) {
            grow();
        }
        int n = size++;
        kind[n] = type;
        nameStart[n] = nameFrom;
        nameEnd[n] = nameTo;
        nameHash[n] = hash;
        first[n] = -1;
        next[n] = -1;
        // Nothing else is reset from an earlier line: each kind sets what is read of it (start and end of strings
        // and numbers, number of numbers, the member table of objects, in index) before it can be read.
        return n;
    }

    private void grow() {
        int capacity = kind.length * 2;
        kind = Arrays.copyOf(kind, capacity);
        nameStart = Arrays.copyOf(nameStart, capacity);
        nameEnd = Arrays.copyOf(nameEnd, capacity);
        nameHash = Arrays.copyOf(nameHash, capacity);
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        number = Arrays.copyOf(number, capacity);
        first = Arrays.copyOf(first, capacity);
        next = Arrays.copyOf(next, capacity);
        tableAt = Arrays.copyOf(tableAt, capacity);
        tableMask = Arrays.copyOf(tableMask, capacity);
    }

    /** Jackson's whitespace: space, tab, LF, CR. The 0 after the line stops it there. */
    private void skipSpace() {
        char[] t = text;
        int p = pos;
        for (char c = t[p]; c <= ' ' && (c == ' ' || c == '\t' || c == '\n' || c == '\r'); c = t[++p]) {
            // skip
        }
        pos = p;
    }
}
