package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.LunState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one-line text replies: STATUS and MAXIOWAIT. */
final class TextParsers {

    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("\\d{1,18}");

    private TextParsers() {
    }

    /** STATUS: {@code Running:NORMAL MODE OF OPERATION}, then {@code <iqn> REAL} or {@code <iqn> FAKE} per target. */
    public static StatusReply status(List<String> payloads) throws MalformedReplyException {
        String state = null;
        Map<String, LunState> lunStates = new LinkedHashMap<>();
        for (String payload : payloads) {
            String line = payload.strip();
            int space = line.lastIndexOf(' ');
            String last = space < 0 ? "" : line.substring(space + 1);
            if ((last.equals("REAL") || last.equals("FAKE")) && line.indexOf(' ') == space) {
                lunStates.put(line.substring(0, space), LunState.valueOf(last));
            } else if (state == null && lunStates.isEmpty() && !line.isEmpty()) {
                state = line;
            } else {
                throw MalformedReplyException.malformedText("STATUS line is not '<iqn> REAL|FAKE': '"
                        + StatsParser.excerpt(line) + "'");
            }
        }
        return new StatusReply(state, lunStates);
    }

    /** MAXIOWAIT: one number. */
    public static long maxIoWait(List<String> payloads) throws MalformedReplyException {
        String value = payloads.size() == 1 ? payloads.get(0).strip() : "";
        if (!DIGITS.matcher(value).matches()) {
            throw MalformedReplyException.malformedText("MAXIOWAIT should answer one number, got "
                    + (payloads.size() == 1 ? "'" + StatsParser.excerpt(value) + "'" : payloads.size() + " lines"));
        }
        return Long.parseLong(value);
    }
}
