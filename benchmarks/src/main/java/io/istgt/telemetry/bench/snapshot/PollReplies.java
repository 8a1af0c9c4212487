package io.istgt.telemetry.bench.snapshot;

import io.istgt.telemetry.protocol.LineBytes;
import io.istgt.telemetry.protocol.ReplyLine;
import io.istgt.telemetry.testsupport.IstgtFixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes istgt sends for each command of one deep poll, cut from the real captures (test-support's
 * IstgtFixtures): ISTGTSTATUS and IOSTATS of pr263-03 (after IO, three replicas), the rest from the released
 * captures. Each value is exactly what follows the request on the wire: data lines, then {@code OK <CMD>}.
 */
public final class PollReplies {

    public static final String ISTGT_VERSION = "istgt:0.5.20121028:20:38:48:Nov 23 2026";
    private static final String QUIT_REPLY = "OK QUIT\r\n";

    private PollReplies() {
    }

    /** ISTGTSTATUS, IOSTATS, REPLICA, STATUS, STATS, INFO, MEMPOOL, MAXIOWAIT: the deep command set, in order. */
    public static Map<String, byte[]> deepPoll() {
        Map<String, byte[]> replies = new LinkedHashMap<>();
        replies.put("ISTGTSTATUS", capture("pr263-03-ISTGTSTATUS-after-io.raw"));
        replies.put("IOSTATS", capture("pr263-03-IOSTATS-after-io.raw"));
        replies.put("REPLICA", capture("06-healthy-REPLICA.raw"));
        Map<String, String> misc = IstgtFixtures.miscCommands();
        replies.put("STATUS", cut(misc.get("STATUS")));
        replies.put("STATS", capture("05-after-io-STATS.raw"));
        replies.put("INFO", capture("05-after-io-INFO.raw"));
        replies.put("MEMPOOL", cut(misc.get("MEMPOOL")));
        replies.put("MAXIOWAIT", cut(misc.get("MAXIOWAIT")));
        return replies;
    }

    /** What follows the request in the capture {@code name} of test-support's IstgtFixtures, up to the OK line. */
    public static byte[] capture(String name) {
        return cut(IstgtFixtures.text(name));
    }

    private static byte[] cut(String connection) {
        int afterGreeting = connection.indexOf("\r\n") + 2;
        if (!connection.endsWith(QUIT_REPLY)) {
            throw new IllegalStateException("a capture does not end with OK QUIT: " + connection);
        }
        return connection.substring(afterGreeting, connection.length() - QUIT_REPLY.length())
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The payloads of a reply's data lines, framed as the collector's connection frames them: lines split at
     * LF ({@link LineBytes#indexOf}, a CR before it dropped), each classified on its bytes with
     * {@link ReplyLine#parse(byte[], int, int, String)}, up to {@code OK <CMD>}. (The connection also copies each
     * line from its read buffer into its line buffer first; here the lines are read where they lie.)
     */
    public static List<String> payloads(byte[] reply, String command) {
        List<String> payloads = new ArrayList<>(2);
        int start = 0;
        for (int lf = LineBytes.indexOf(reply, 0, reply.length, (byte) '\n'); lf >= 0;
                lf = LineBytes.indexOf(reply, start, reply.length, (byte) '\n')) {
            int end = lf > start && reply[lf - 1] == '\r' ? lf - 1 : lf;
            ReplyLine line = ReplyLine.parse(reply, start, end, command);
            start = lf + 1;
            switch (line) {
                case ReplyLine.Data data -> payloads.add(data.payload());
                case ReplyLine.Ok ok -> {
                    return payloads;
                }
                case ReplyLine.Err err -> throw new IllegalStateException(command + " answered ERR " + err.message());
            }
        }
        throw new IllegalStateException(command + " reply has no OK line");
    }

    /** Where the JSON object of the first data line starts and ends (exclusive) in {@code reply}. */
    public static int[] jsonRange(byte[] reply) {
        int open = -1;
        for (int i = 0; i < reply.length; i++) {
            if (reply[i] == '{') {
                open = i;
                break;
            }
        }
        int end = open;
        while (end < reply.length && reply[end] != '\r' && reply[end] != '\n') {
            end++;
        }
        if (open < 0) {
            throw new IllegalStateException("no JSON object in the reply");
        }
        return new int[] {open, end};
    }
}
