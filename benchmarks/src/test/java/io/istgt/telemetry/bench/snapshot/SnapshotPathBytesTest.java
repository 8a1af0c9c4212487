package io.istgt.telemetry.bench.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the bytes benchmark 1's path produces: every key and value (Confluent wire format) encoded from the captured
 * replies must equal, byte for byte, what the collector produced before the per-snapshot path was made faster
 * (files under {@code snapshot-records/}, written at commit {@code aca8e81} with
 * {@code -Dsnapshot.records.write=<dir>}). A change to the parsers, the assembly, the mapping or the serializer
 * that alters one byte fails here. Changes on purpose since: {@code deep-poll.hex}'s volume value lost the
 * {@code NOP-Out 0/0} PDU entry that STATS' {@code 0:0 0} padding used to become (rewritten with the fix that reads
 * STATS as ten entries, padded or cut); and every volume record ends in one more byte, its null
 * {@code replicationSettings} (the snapshot path reads no istgt.conf).
 */
class SnapshotPathBytesTest {

    @ParameterizedTest
    @ValueSource(strings = {"pr263-03", "pr263-01", "deep-poll"})
    void encodesTheSameBytesAsBefore(String name) throws Exception {
        String actual = hex(encode(name));
        String writeTo = System.getProperty("snapshot.records.write");
        if (writeTo != null) {
            Files.writeString(Path.of(writeTo, name + ".hex"), actual);
        }
        assertThat(actual).isEqualTo(expected(name));
    }

    private static List<byte[]> encode(String name) throws Exception {
        SnapshotPath path = new SnapshotPath();
        Map<String, byte[]> deepPoll = PollReplies.deepPoll();
        return switch (name) {
            case "pr263-03" -> path.istgtStatusAndIostatsRecords(deepPoll.get("ISTGTSTATUS"), deepPoll.get("IOSTATS"));
            case "pr263-01" -> path.istgtStatusAndIostatsRecords(
                    PollReplies.capture("pr263-01-ISTGTSTATUS-before-io.raw"), deepPoll.get("IOSTATS"));
            case "deep-poll" -> path.deepPollRecords(deepPoll.values().toArray(byte[][]::new));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String hex(List<byte[]> records) {
        return records.stream().map(HexFormat.of()::formatHex).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = SnapshotPathBytesTest.class.getResourceAsStream("/snapshot-records/" + name + ".hex")) {
            assertThat(in).as("snapshot-records/" + name + ".hex").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
