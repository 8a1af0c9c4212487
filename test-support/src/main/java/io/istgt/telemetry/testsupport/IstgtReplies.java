package io.istgt.telemetry.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The real captures cut into what a fake istgt needs: the greeting and the reply bytes of each command. */
public final class IstgtReplies {

    private static final String QUIT_REPLY = "OK QUIT\r\n";

    private IstgtReplies() {
    }

    /** The greeting line of the captures, with its CRLF. */
    public static String greeting() {
        String text = IstgtFixtures.text("05-after-io-IOSTATS.raw");
        return text.substring(0, text.indexOf("\r\n") + 2);
    }

    /** The exact reply bytes of the one command in a {@code .raw} capture: without greeting and QUIT reply. */
    public static String reply(String rawName) {
        return cut(IstgtFixtures.text(rawName));
    }

    /** The reply to one request of {@code 02-misc-commands.raw}. */
    public static String miscReply(String request) {
        String connection = IstgtFixtures.miscCommands().get(request);
        if (connection == null) {
            throw new IllegalArgumentException("no request '" + request + "' in 02-misc-commands.raw");
        }
        return cut(connection);
    }

    private static String cut(String connection) {
        int afterGreeting = connection.indexOf("\r\n") + 2;
        if (!connection.endsWith(QUIT_REPLY)) {
            throw new IllegalArgumentException("capture does not end with OK QUIT");
        }
        return connection.substring(afterGreeting, connection.length() - QUIT_REPLY.length());
    }

    /** The payloads of a reply's data lines, as a client hands them to a parser. */
    public static List<String> payloads(String reply) {
        return reply.lines()
                .filter(l -> !l.startsWith("OK ") && !l.startsWith("ERR "))
                .map(l -> l.substring(l.indexOf(' ')).stripLeading())
                .toList();
    }

    /** A deep-visibility istgt after IO: ISTGTSTATUS and IOSTATS of pr263-03, the rest from the released captures. */
    public static Map<String, String> deepReplies() {
        Map<String, String> replies = new LinkedHashMap<>(stockReplies());
        replies.put("ISTGTSTATUS", reply("pr263-03-ISTGTSTATUS-after-io.raw"));
        replies.put("REPLICA", reply("06-healthy-REPLICA.raw"));
        replies.put("IOSTATS", reply("pr263-03-IOSTATS-after-io.raw"));
        return replies;
    }

    /** A released istgt after IO (no ISTGTSTATUS); REPLICA from a capture with the same modes (all Degraded). */
    public static Map<String, String> stockReplies() {
        Map<String, String> replies = new LinkedHashMap<>();
        replies.put("IOSTATS", reply("05-after-io-IOSTATS.raw"));
        replies.put("REPLICA", reply("01-degraded-REPLICA.raw"));
        replies.put("STATUS", miscReply("STATUS"));
        replies.put("STATS", reply("05-after-io-STATS.raw"));
        replies.put("INFO", reply("05-after-io-INFO.raw"));
        replies.put("MEMPOOL", miscReply("MEMPOOL"));
        replies.put("MAXIOWAIT", miscReply("MAXIOWAIT"));
        return replies;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
