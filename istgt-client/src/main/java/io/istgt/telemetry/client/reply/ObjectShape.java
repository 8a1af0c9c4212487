package io.istgt.telemetry.client.reply;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The members a parser reads of one kind of JSON object istgt writes, in the order istgt writes them, and the
 * shapes of the objects nested in them. {@link JsonMembers#readObject} keeps these members and skips every other.
 *
 * <p>The order is what makes reading cheap: Jackson matches the member it expects next against the input
 * ({@code nextFieldName}), without decoding the name or looking it up; a member out of that order (another istgt
 * build) is found by name instead, at the usual cost. Made once per kind of object; immutable but for the guesses
 * that speed up a parser's lookups ({@link #find}).
 */
final class ObjectShape {

    /** No members: an object read with it keeps nothing. */
    static final ObjectShape NONE = new ObjectShape(List.of(), Map.of());

    private final String[] names;
    private final SerializableString[] expected;
    /** Per member, the shape of the object it holds (or of the objects in the array it holds), else null. */
    private final ObjectShape[] nested;
    /** Open addressing over the names' hash codes: a member's position + 1, 0 for an empty slot. */
    private final int[] index;
    /**
     * What a parser read after each member last time (at {@code position + 1}; at 0, what it read first), as
     * position + 1, 0 while unknown. A parser reads its members in its own order, the same every time, which is not
     * istgt's: after one reply, each lookup is one array read and one identity check. Written without
     * synchronization by every thread that reads this shape: it is only a guess that {@link #position} confirms,
     * and an int is written whole.
     */
    private final int[] readAfter;

    private ObjectShape(List<String> names, Map<String, ObjectShape> nested) {
        this.names = names.toArray(String[]::new);
        this.expected = names.stream().map(SerializedString::new).toArray(SerializableString[]::new);
        this.nested = names.stream().map(nested::get).toArray(ObjectShape[]::new);
        this.index = new int[Integer.highestOneBit(Math.max(names.size(), 1) * 4)];
        this.readAfter = new int[names.size() + 1];
        for (int i = 0; i < this.names.length; i++) {
            int slot = slotFor(this.names[i]);
            if (index[slot] != 0) {
                throw new IllegalArgumentException("member '" + this.names[i] + "' is listed twice");
            }
            index[slot] = i + 1;
        }
    }

    /** A shape of these members, in istgt's order, none of them holding an object. */
    static ObjectShape of(String... names) {
        return new ObjectShape(List.of(names), Map.of());
    }

    /** This shape and the members of {@code more} after its own. */
    ObjectShape then(String... more) {
        List<String> all = new ArrayList<>(List.of(names));
        all.addAll(List.of(more));
        return new ObjectShape(all, nestedByName());
    }

    /** This shape, with {@code member} holding objects (or an array of objects) of {@code shape}. */
    ObjectShape nesting(String member, ObjectShape shape) {
        if (position(member) < 0) {
            throw new IllegalArgumentException("member '" + member + "' is not in " + Arrays.toString(names));
        }
        Map<String, ObjectShape> byName = nestedByName();
        byName.put(member, shape);
        return new ObjectShape(List.of(names), byName);
    }

    private Map<String, ObjectShape> nestedByName() {
        Map<String, ObjectShape> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (nested[i] != null) {
                byName.put(names[i], nested[i]);
            }
        }
        return byName;
    }

    int size() {
        return names.length;
    }

    /** The member at {@code position} as Jackson matches it against the input. */
    SerializableString expected(int position) {
        return expected[position];
    }

    /** The shape of what member {@code position} holds, or {@link #NONE}. */
    ObjectShape nested(int position) {
        ObjectShape shape = nested[position];
        return shape == null ? NONE : shape;
    }

    /**
     * The position of member {@code name}, which a parser reads after the member at {@code previous} (-1 for its
     * first read).
     *
     * @throws IllegalStateException when this shape does not list {@code name}: a parser reads a member its shape
     *                               lacks, which every test of that parser shows
     */
    int find(String name, int previous) {
        int guess = readAfter[previous + 1] - 1;
        // Names from the parsers' literals are interned: the identity check is the usual hit.
        if (guess >= 0 && names[guess] == name) {
            return guess;
        }
        int at = position(name);
        if (at < 0) {
            throw new IllegalStateException("'" + name + "' is read but not in the shape of its object: list it there");
        }
        readAfter[previous + 1] = at + 1;
        return at;
    }

    /** The position of member {@code name}, or -1 when this shape does not list it. */
    int position(String name) {
        int at;
        for (int slot = name.hashCode() & (index.length - 1); (at = index[slot]) != 0;
             slot = (slot + 1) & (index.length - 1)) {
            // Names from Jackson and from the parsers' literals are interned: the identity check is the usual hit.
            String listed = names[at - 1];
            if (listed == name || listed.equals(name)) {
                return at - 1;
            }
        }
        return -1;
    }

    private int slotFor(String name) {
        int slot = name.hashCode() & (index.length - 1);
        while (index[slot] != 0 && !names[index[slot] - 1].equals(name)) {
            slot = (slot + 1) & (index.length - 1);
        }
        return slot;
    }
}
