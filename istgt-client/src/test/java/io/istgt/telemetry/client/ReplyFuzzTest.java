package io.istgt.telemetry.client;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.istgt.telemetry.client.reply.MalformedReplyException;
import io.istgt.telemetry.client.reply.PollParser;
import io.istgt.telemetry.protocol.ControlCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing (Jazzer) of what the client reads from istgt: the line framing, a whole connection
 * (greeting, reply framing, ERR handling, the 4096-byte cut) and every reply parser, fed arbitrary bytes. Only
 * the documented failures may come out: {@link IstgtControlException} and {@link MalformedReplyException}.
 *
 * <p>The first byte of an input picks the target: 0 line framing, 1 a connection (the next byte picks the
 * command; its payloads then go to that command's parser), 2..9 a parser (IOSTATS, ISTGTSTATUS, REPLICA, STATS,
 * INFO, MEMPOOL, STATUS, MAXIOWAIT) with the rest as newline-separated payloads. A plain build runs the seeds in
 * {@code ReplyFuzzTestInputs/} (regression mode); {@code JAZZER_FUZZ=1} fuzzes (see docs/reliability.md).
 */
public class ReplyFuzzTest {

    private static final List<ControlCommand> COMMANDS = List.of(ControlCommand.IOSTATS, ControlCommand.ISTGTSTATUS,
            ControlCommand.REPLICA, ControlCommand.STATS, ControlCommand.INFO, ControlCommand.MEMPOOL,
            ControlCommand.STATUS, ControlCommand.MAXIOWAIT);
    private static final ClientSettings SETTINGS = new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofSeconds(5), ClientSettings.MIN_MAX_LINE_BYTES * 4);

    /** The entry point of Jazzer's own driver, for fuzzing as long as asked (docs/reliability.md). */
    public static void fuzzerTestOneInput(byte[] input) {
        new ReplyFuzzTest().shouldFailOnlyWithTheDocumentedExceptions(input);
    }

    @FuzzTest(maxDuration = "20s")
    void shouldFailOnlyWithTheDocumentedExceptions(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(input, 1, input.length);
        try {
            switch (Byte.toUnsignedInt(input[0]) % 10) {
                case 0 -> lines(rest);
                case 1 -> connection(rest);
                default -> parse(Byte.toUnsignedInt(input[0]) % 10 - 2, payloads(rest));
            }
        } catch (IstgtControlException | MalformedReplyException documented) {
            // what a poll turns into a failure
        }
    }

    private static void lines(byte[] bytes) throws IstgtControlException {
        LineReader reader = new LineReader(new ByteArrayInputStream(bytes), millis -> { }, SETTINGS, "fuzz");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int n = 0;
        while (reader.readLine("IOSTATS", deadline, SETTINGS.maxLineBytes()) != null && n++ < 100_000) {
            // read everything
        }
    }

    private static void connection(byte[] bytes) throws IstgtControlException, MalformedReplyException {
        if (bytes.length == 0) {
            return;
        }
        int command = Byte.toUnsignedInt(bytes[0]) % COMMANDS.size();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, 1, bytes.length - 1);
        ControlConnection c = ControlConnection.over(in, new ByteArrayOutputStream(), () -> { }, "fuzz", SETTINGS);
        try {
            List<String> payloads = c.request(COMMANDS.get(command));
            parse(command, payloads);
            // a second request on the same connection: what a cut or an ERR left behind must not confuse it
            c.request(COMMANDS.get((command + 1) % COMMANDS.size()));
        } finally {
            c.close();
        }
    }

    private static List<String> payloads(byte[] bytes) {
        return List.of(new String(bytes, StandardCharsets.UTF_8).split("\n", -1));
    }

    /** Through the one door a poll uses, which hands the payloads to the command's parser. */
    private static void parse(int parser, List<String> payloads) throws MalformedReplyException {
        new PollParser("fuzz").parse(COMMANDS.get(parser), payloads);
    }
}
