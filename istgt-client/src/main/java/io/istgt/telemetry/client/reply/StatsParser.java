package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import io.istgt.telemetry.client.snapshot.OpcodeCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STATS: {@code PDU:n [op:started finished, ...]} and {@code SCSI:n [opcode:started finished, ...]}, opcodes
 * in hex, on two lines; with no traffic (or {@code STATS 0}) just {@code PDU:0 SCSI:0}. The count before the
 * list is not the list's length (a capture shows {@code PDU:9} before ten entries), so the list is what counts.
 *
 * <p>Each line is first read by {@link StatsScanner} (one pass, the shape istgt writes); a line it does not take
 * is read with the regular expressions below, which define what is accepted and word every error.
 */
final class StatsParser {

    private static final Pattern SECTION = Pattern.compile("(PDU|SCSI):(\\d+)\\s*(?:\\[([^\\]]*)\\])?");
    private static final Pattern ENTRY = Pattern.compile("\\s*([0-9a-fA-F]{1,2}):(\\d{1,19}) (\\d{1,19})\\s*");

    private StatsParser() {
    }

    public static StatsReply parse(List<String> payloads) throws MalformedReplyException {
        List<OpcodeCount> pdus = new ArrayList<>();
        List<OpcodeCount> scsi = new ArrayList<>();
        for (String payload : payloads) {
            if (!StatsScanner.scan(payload, pdus, scsi)) {
                readLine(payload, pdus, scsi);
            }
        }
        pdus.sort(Comparator.comparingInt(OpcodeCount::opcode));
        scsi.sort(Comparator.comparingInt(OpcodeCount::opcode));
        return new StatsReply(pdus, scsi);
    }

    /** One line read with the regular expressions: what the client accepts, and its errors. */
    static void readLine(String payload, List<OpcodeCount> pdus, List<OpcodeCount> scsi)
            throws MalformedReplyException {
        Matcher m = SECTION.matcher(payload);
        int end = 0;
        while (m.find()) {
            requireBlank(payload, end, m.start());
            List<OpcodeCount> into = m.group(1).equals("PDU") ? pdus : scsi;
            if (m.group(3) != null) {
                entries(m.group(1), m.group(3), into);
            }
            end = m.end();
        }
        requireBlank(payload, end, payload.length());
        if (end == 0) {
            throw MalformedReplyException.malformedText("STATS line is not 'PDU:n [...]' or 'SCSI:n [...]': '"
                    + excerpt(payload) + "'");
        }
    }

    private static void entries(String section, String list, List<OpcodeCount> into) throws MalformedReplyException {
        if (list.isBlank()) {
            return;
        }
        for (String entry : list.split(",")) {
            Matcher e = ENTRY.matcher(entry);
            if (!e.matches()) {
                throw MalformedReplyException.malformedText("STATS " + section + " entry '" + excerpt(entry.strip())
                        + "' is not '<hex opcode>:<started> <finished>'");
            }
            try {
                into.add(new OpcodeCount(Integer.parseInt(e.group(1), 16),
                        Long.parseLong(e.group(2)), Long.parseLong(e.group(3))));
            } catch (NumberFormatException tooBig) {
                throw new MalformedReplyException(Problem.MALFORMED_TEXT,
                        "STATS " + section + " entry '" + entry.strip() + "' has a count above 2^63-1", tooBig);
            }
        }
    }

    private static void requireBlank(String payload, int from, int to) throws MalformedReplyException {
        if (!payload.substring(from, to).isBlank()) {
            throw MalformedReplyException.malformedText("STATS line has unexpected text '"
                    + excerpt(payload.substring(from, to).strip()) + "'");
        }
    }

    static String excerpt(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
