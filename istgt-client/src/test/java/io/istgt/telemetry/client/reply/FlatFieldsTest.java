package io.istgt.telemetry.client.reply;

import static io.istgt.telemetry.testsupport.IstgtReplies.miscReply;
import static io.istgt.telemetry.testsupport.IstgtReplies.payloads;
import static io.istgt.telemetry.testsupport.IstgtReplies.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast reading decides a value only as the tree reading would: for every field of every line, each accessor
 * of {@link FlatFields} either gives what {@link TreeFields} gives, or leaves the line to the tree
 * ({@link FlatFields.Undecided}); a line outside its subset is not read at all.
 */
class FlatFieldsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static Stream<String> lines() {
        List<String> lines = new ArrayList<>();
        for (String capture : List.of("pr263-01-ISTGTSTATUS-before-io.raw", "pr263-03-ISTGTSTATUS-after-io.raw",
                "pr263-03-IOSTATS-after-io.raw", "05-after-io-IOSTATS.raw", "06-healthy-IOSTATS.raw",
                "00-offline-IOSTATS.raw", "01-degraded-REPLICA.raw", "06-healthy-REPLICA.raw", "00-offline-REPLICA.raw")) {
            lines.addAll(payloads(reply(capture)));
        }
        lines.addAll(payloads(miscReply("MEMPOOL")));
        lines.addAll(List.of(
                "{}", "{ }", " {\"a\": \"1\"} ", "{\"a\":1}\r\n", "{\"a\": \" 12 \", \"b\": \"\", \"c\": \"1.5\"}",
                "{\"a\": -1, \"b\": 1.5, \"c\": 1e3, \"d\": 007}", "{\"a\": 9223372036854775807}",
                "{\"a\": 123456789012345678, \"b\": 1234567890123456789, \"c\": \"12345678901234567890\"}",
                "{\"a\": true, \"b\": false, \"c\": null, \"d\": [], \"e\": {}, \"f\": [1, \"2\", null]}",
                "{\"a\": \"x\\/y\", \"b\": \"tab\\there\", \"c\": \"\\u0041\"}", "{\"a\": 1, \"a\": 2}",
                "{\"a\": 1,}", "{\"a\": 1", "{\"a\": \"1\"} x", "[1, 2]", "", "   ", "{\"a\" 1}", "{a: 1}",
                "{\"r\": [{\"x\": \"1\"}, {\"x\": 2}, 3], \"o\": {\"p\": {\"q\": \"7\"}}}",
                "{\"Port\": 70000, \"Mode\": \"Healthy\", \"replicaId\": \"16178149552629799470\"}",
                "{ \"é\": \"ü\", \"k\": \"\u00e9\u4e2d\" }", "{\"a\":\t1 ,\n\"b\" :\r\"2\"}",
                // Names are scanned two characters a step: every length, an end, an escape or a control character
                // at either place of a step.
                "{\"\": \"0\", \"ab\": \"1\", \"abc\": \"2\", \"abcd\": 3, \"abcde\": \"4\", \"abcdef\": \"5\"}",
                "{\"a\\\"b\": 1}", "{\"ab\\\"\": 1}", "{\"a\u0001\": 1}", "{\"\u0001\": 1}", "{\"ab\u0001c\": 1}",
                "{\"ab", "{\"abc", "{\"a\"", "{\"ab\""));
        return lines.stream();
    }

    @ParameterizedTest
    @MethodSource("lines")
    void shouldDecideEveryValueAsTheTreeReadingDoes(String line) {
        FlatJson flat = FlatJson.parse(line);
        ObjectNode tree;
        try {
            tree = (ObjectNode) MAPPER.readTree(line);
        } catch (Exception | Error notAnObject) {
            assertThat(flat).as("a line Jackson does not read as an object is left to the tree reading").isNull();
            return;
        }
        if (tree == null) {
            assertThat(flat).isNull();
            return;
        }
        if (flat == null) {
            return;
        }
        compare(new FlatFields(flat, "X"), new TreeFields(tree, "X"), tree);
    }

    /**
     * The parse's arrays serve the next line once released: a line read after a longer one (more values, more
     * members, a longer text) reads only its own values, and a line cut short after a longer one is declined.
     */
    @Test
    @Timeout(10) // a parse that kept an earlier line's nodes can fill a member table and probe it forever
    void shouldReadEachLineAloneWhenTheArraysAreReused() throws Exception {
        String longer = "{\"a\": \"111\", \"b\": [{\"x\": \"1\"}, {\"x\": \"2\"}], \"c\": 3, \"d\": \"long text here\"}";
        String shorter = "{\"c\": \"9\", \"a\": 7}";
        FlatJson first = FlatJson.parse(longer);
        assertThat(first).isNotNull();
        first.release();

        FlatJson reused = FlatJson.parse(shorter);

        assertThat(reused).as("the released instance is the one taken").isSameAs(first);
        compare(new FlatFields(reused, "X"), new TreeFields((ObjectNode) MAPPER.readTree(shorter), "X"),
                (ObjectNode) MAPPER.readTree(shorter));
        assertThat(reused.count(0)).isEqualTo(2);
        reused.release();
        assertThat(FlatJson.parse(longer.substring(0, 10))).isNull();
    }

    /** Names of every length up to a few steps of the two-character scan are read and found, others not. */
    @Test
    void shouldFindNamesOfEveryLength() {
        StringBuilder line = new StringBuilder("{");
        for (int length = 0; length <= 9; length++) {
            line.append(length == 0 ? "" : ", ").append('"').append("k".repeat(length)).append("\": ").append(length);
        }
        FlatJson json = FlatJson.parse(line.append('}').toString());
        assertThat(json).isNotNull();
        for (int length = 0; length <= 9; length++) {
            int member = json.member(0, "k".repeat(length));
            assertThat(member).as("name of %d characters", length).isNotNegative();
            assertThat(json.number[member]).isEqualTo(length);
            assertThat(json.member(0, "k".repeat(length - 1 < 0 ? 10 : length - 1) + "j")).isNegative();
        }
        json.release();
    }

    private static void compare(Fields fast, Fields slow, ObjectNode tree) {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        names.add("absent");
        for (String name : names) {
            same(fast, slow, name, "has", f -> f.has(name));
            same(fast, slow, name, "counter", f -> f.counter(name));
            same(fast, slow, name, "text", f -> f.text(name));
            same(fast, slow, name, "port", f -> f.port(name));
            same(fast, slow, name, "flag", f -> f.flag(name));
            same(fast, slow, name, "replicaId", f -> f.replicaId(name));
            same(fast, slow, name, "counters", f -> f.counters(name));
            same(fast, slow, name, "where", f -> f.where());
            Object fastObjects = outcome(fast, f -> f.objects(name));
            Object slowObjects = outcome(slow, f -> f.objects(name));
            if (fastObjects instanceof List<?> fl && slowObjects instanceof List<?> sl) {
                assertThat(fl).hasSameSizeAs(sl);
                for (int i = 0; i < fl.size(); i++) {
                    compare((Fields) fl.get(i), (Fields) sl.get(i), (ObjectNode) tree.get(name).get(i));
                    assertThat(((Fields) fl.get(i)).where()).isEqualTo(((Fields) sl.get(i)).where());
                }
            } else if (!(fastObjects instanceof FlatFields.Undecided)) {
                assertThat(fastObjects).as(name + " objects").isEqualTo(slowObjects);
            }
            Object fastObject = outcome(fast, f -> f.object(name));
            Object slowObject = outcome(slow, f -> f.object(name));
            if (fastObject instanceof Fields fo && slowObject instanceof Fields so) {
                compare(fo, so, (ObjectNode) tree.get(name));
                assertThat(fo.where()).isEqualTo(so.where());
            } else if (!(fastObject instanceof FlatFields.Undecided)) {
                assertThat(String.valueOf(fastObject)).as(name + " object").isEqualTo(String.valueOf(slowObject));
            }
        }
    }

    @FunctionalInterface
    private interface Accessor {
        Object get(Fields f) throws MalformedReplyException;
    }

    private static void same(Fields fast, Fields slow, String name, String accessor, Accessor a) {
        Object f = outcome(fast, a);
        if (f instanceof FlatFields.Undecided) {
            return;
        }
        assertThat(f).as(accessor + "(" + name + ")").isEqualTo(outcome(slow, a));
    }

    /** The value, or the error: its message (a MalformedReplyException) or the Undecided itself. */
    private static Object outcome(Fields f, Accessor a) {
        try {
            return a.get(f);
        } catch (FlatFields.Undecided e) {
            return e;
        } catch (MalformedReplyException e) {
            return "error: " + e.getMessage();
        }
    }
}
