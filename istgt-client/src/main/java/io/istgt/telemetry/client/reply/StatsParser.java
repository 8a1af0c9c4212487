package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.reply.MalformedReplyException.Problem;
import io.istgt.telemetry.client.snapshot.OpcodeCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * STATS: {@code PDU:n [op:started finished, ...]} and {@code SCSI:n [opcode:started finished, ...]}, opcodes in
 * hex, on two lines (both on one, without lists, when nothing was counted: {@code PDU:0 SCSI:0}).
 *
 * <p>As istgt's {@code istgt_uctl_cmd_stats} writes them: {@code n} is how many opcodes have a non-zero count, and
 * the list always has ten entries. With {@code n} below ten the entries after the first {@code n} are padding,
 * {@code 0:0 0} (not TEST UNIT READY, opcode 0, which is data when it is among the first {@code n}); with
 * {@code n} above ten only the first ten of istgt's internal table are listed and the others are cut. So the first
 * {@code min(n, entries)} entries are data and the rest must be padding. Counts are istgt's uint32s, which wrap.
 */
final class StatsParser {

    private static final Pattern SECTION = Pattern.compile("(PDU|SCSI):(\\d{1,9})\\s*(?:\\[([^\\]]*)\\])?");
    private static final Pattern ENTRY = Pattern.compile("\\s*([0-9a-fA-F]{1,2}):(\\d{1,19}) (\\d{1,19})\\s*");

    private StatsParser() {
    }

    public static StatsReply parse(List<String> payloads) throws MalformedReplyException {
        Section pdus = null;
        Section scsi = null;
        for (String payload : payloads) {
            Matcher m = SECTION.matcher(payload);
            int end = 0;
            while (m.find()) {
                requireBlank(payload, end, m.start());
                Section section = section(m.group(1), Integer.parseInt(m.group(2)), m.group(3));
                if (section.name.equals("PDU")) {
                    pdus = once(pdus, section);
                } else {
                    scsi = once(scsi, section);
                }
                end = m.end();
            }
            requireBlank(payload, end, payload.length());
            if (end == 0) {
                throw MalformedReplyException.malformedText("STATS line is not 'PDU:n [...]' or 'SCSI:n [...]': '"
                        + excerpt(payload) + "'");
            }
        }
        if (pdus == null || scsi == null) {
            throw MalformedReplyException.malformedText("STATS reply has no " + (pdus == null ? "PDU" : "SCSI")
                    + " section");
        }
        return new StatsReply(pdus.listed, pdus.counted, scsi.listed, scsi.counted);
    }

    /** One section: istgt's count, and its data entries by opcode. */
    private record Section(String name, int counted, List<OpcodeCount> listed) {
    }

    private static Section once(Section earlier, Section section) throws MalformedReplyException {
        if (earlier != null) {
            throw MalformedReplyException.malformedText("STATS reply has two " + section.name + " sections");
        }
        return section;
    }

    private static Section section(String name, int counted, String list) throws MalformedReplyException {
        List<OpcodeCount> listed = new ArrayList<>(Math.min(counted, 10));
        if (list != null && !list.isBlank()) {
            String[] entries = list.split(",");
            for (int i = 0; i < entries.length; i++) {
                OpcodeCount entry = entry(name, entries[i]);
                if (i < counted) {
                    listed.add(entry);
                } else if (entry.opcode() != 0 || entry.started() != 0 || entry.finished() != 0) {
                    throw MalformedReplyException.malformedText("STATS " + name + ":" + counted + " has entry '"
                            + excerpt(entries[i].strip()) + "' after its " + counted
                            + " counted opcodes, where istgt pads with '0:0 0'");
                }
            }
        }
        listed.sort(Comparator.comparingInt(OpcodeCount::opcode));
        return new Section(name, counted, listed);
    }

    private static OpcodeCount entry(String section, String entry) throws MalformedReplyException {
        Matcher e = ENTRY.matcher(entry);
        if (!e.matches()) {
            throw MalformedReplyException.malformedText("STATS " + section + " entry '" + excerpt(entry.strip())
                    + "' is not '<hex opcode>:<started> <finished>'");
        }
        try {
            return new OpcodeCount(Integer.parseInt(e.group(1), 16),
                    Long.parseLong(e.group(2)), Long.parseLong(e.group(3)));
        } catch (NumberFormatException tooBig) {
            throw new MalformedReplyException(Problem.MALFORMED_TEXT,
                    "STATS " + section + " entry '" + entry.strip() + "' has a count above 2^63-1", tooBig);
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
