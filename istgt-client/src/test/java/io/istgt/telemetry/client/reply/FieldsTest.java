package io.istgt.telemetry.client.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How one JSON payload is read: Jackson's streaming parser into the members an {@link ObjectShape} lists
 * ({@link JsonPayload}, {@link JsonMembers}), then typed by {@link Fields}. The parsers' own tests read the real
 * captures; these pin the reading rules themselves.
 */
class FieldsTest {

    private static final ObjectShape SHAPE = ObjectShape.of("a", "b", "list", "inner")
            .nesting("list", ObjectShape.of("x"))
            .nesting("inner", ObjectShape.of("y"));

    private static <T> T read(String json, Fields.Reader<T> reader) throws MalformedReplyException {
        return Fields.read("TEST", json, SHAPE, reader);
    }

    @Test
    void shouldFindMembersInAnyOrder() throws Exception {
        List<Long> read = read("{\"inner\": {\"y\": 5}, \"b\": \"7\", \"a\": 1}",
                f -> List.of(f.counter("a"), f.counter("b"), f.object("inner").counter("y")));

        assertThat(read).containsExactly(1L, 7L, 5L);
    }

    @Test
    void shouldSkipMembersTheShapeDoesNotListWhateverTheyHold() throws Exception {
        String json = "{\"a\": 1, \"other\": {\"deep\": [1, {\"z\": true}, [null]]}, \"b\": 2, \"more\": \"text\"}";

        List<Long> read = read(json, f -> List.of(f.counter("a"), f.counter("b")));

        assertThat(read).containsExactly(1L, 2L);
    }

    @Test
    void shouldKeepTheLastValueOfARepeatedMember() throws Exception {
        Long read = read("{\"a\": 1, \"a\": \"2\"}", f -> f.counter("a"));

        assertThat(read).isEqualTo(2L);
    }

    @Test
    void shouldTreatNullAsAbsent() throws Exception {
        Boolean anything = read("{\"a\": null}", f -> f.has("a") || f.counter("a") != null || f.counter("b") != null);

        assertThat(anything).isFalse();
    }

    @Test
    void shouldReadCountersFromNumbersAndFromStringsOfDigits() throws Exception {
        String json = "{\"a\": \"9223372036854775807\", \"b\": \" 007 \"}";

        List<Long> read = read(json, f -> List.of(f.counter("a"), f.counter("b")));

        assertThat(read).containsExactly(Long.MAX_VALUE, 7L);
    }

    @Test
    void shouldKeepTheTextOfAStringOfDigitsAsSent() throws Exception {
        List<String> read = read("{\"a\": \"0123\", \"b\": \"6161\"}", f -> List.of(f.text("a"), f.text("b")));

        assertThat(read).containsExactly("0123", "6161");
    }

    @Test
    void shouldRefuseACounterAbove2To63() {
        assertThatThrownBy(() -> read("{\"a\": \"9223372036854775808\"}", f -> f.counter("a")))
                .hasMessage("TEST: field 'a' must be a non-negative whole number up to 2^63-1, "
                        + "got \"9223372036854775808\"");
        assertThatThrownBy(() -> read("{\"a\": 9223372036854775808}", f -> f.counter("a")))
                .hasMessage("TEST: field 'a' must be a non-negative whole number up to 2^63-1, "
                        + "got 9223372036854775808");
        assertThatThrownBy(() -> read("{\"a\": -1}", f -> f.counter("a")))
                .hasMessage("TEST: field 'a' must be a non-negative whole number up to 2^63-1, got -1");
    }

    @Test
    void shouldNameAnObjectOrAnArrayWhereANumberBelongs() {
        assertThatThrownBy(() -> read("{\"inner\": [1]}", f -> f.object("inner")))
                .hasMessage("TEST: field 'inner' must be an object, got an array");
        assertThatThrownBy(() -> read("{\"list\": [{\"x\": {\"y\": 1}}]}", f -> f.objects("list").get(0).counter("x")))
                .hasMessage("TEST list[0]: field 'x' must be a number or a string of digits, got an object");
    }

    @Test
    void shouldRefuseNestingDeeperThanIstgtEverWrites() {
        String deep = "{\"other\": " + "[".repeat(JsonPayload.MAX_NESTING_DEPTH) + "]".repeat(
                JsonPayload.MAX_NESTING_DEPTH) + "}";

        assertThatThrownBy(() -> read(deep, f -> f.counter("a")))
                .isInstanceOfSatisfying(MalformedReplyException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.MALFORMED_JSON))
                .hasMessageStartingWith("TEST JSON is malformed: Document nesting depth (33) exceeds the maximum "
                        + "allowed (32");
    }

    @Test
    void shouldRefuseAnythingAfterTheObject() {
        assertThatThrownBy(() -> read("{\"a\": 1} {\"b\": 2}", f -> f.counter("a")))
                .hasMessage("TEST JSON is malformed at character 10 (line 1, column 10): { after the end of the object");
    }

    @Test
    void shouldRefuseAPayloadThatIsNotAnObject() {
        assertThatThrownBy(() -> read("[1, 2]", f -> f.counter("a")))
                .hasMessage("TEST JSON is not an object but ARRAY");
        assertThatThrownBy(() -> read("[1, 2", f -> f.counter("a")))
                .isInstanceOfSatisfying(MalformedReplyException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.TRUNCATED_JSON));
    }

    @Test
    void shouldFailLoudlyWhenAParserReadsAMemberItsShapeDoesNotList() {
        assertThatThrownBy(() -> read("{\"a\": 1}", f -> f.counter("c")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("'c' is read but not in the shape of its object: list it there");
    }

    @Test
    void shouldRefuseAShapeThatListsAMemberTwice() {
        assertThatThrownBy(() -> ObjectShape.of("a", "b", "a"))
                .hasMessage("member 'a' is listed twice");
    }
}
