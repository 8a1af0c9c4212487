package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.IscsiSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * INFO: {@code no login}, or one line per iSCSI session:
 * {@code w#1: Login from <initiator> (<address>) on <target iqn> LU1 LU_Online=Yes (<portal>), ISID=..., TSIH=1, ...}.
 */
final class InfoParser {

    private static final String NO_LOGIN = "no login";
    private static final Pattern SESSION = Pattern.compile(
            "w#(\\d{1,9}): Login from (\\S+) \\(([^)]*)\\) on (\\S+) (\\S+)(?: LU_Online=(\\w+))?(?: \\(([^)]*)\\))?(.*)");

    private InfoParser() {
    }

    public static List<IscsiSession> parse(List<String> payloads) throws MalformedReplyException {
        List<IscsiSession> sessions = new ArrayList<>();
        for (String payload : payloads) {
            if (payload.strip().equals(NO_LOGIN)) {
                continue;
            }
            Matcher m = SESSION.matcher(payload.strip());
            if (!m.matches()) {
                throw MalformedReplyException.malformedText("INFO line is not 'w#N: Login from <initiator> (<address>) "
                        + "on <target> <LU> ...': '" + StatsParser.excerpt(payload) + "'");
            }
            Boolean online = m.group(6) == null ? null : m.group(6).equalsIgnoreCase("Yes");
            sessions.add(new IscsiSession(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4),
                    m.group(5), online, m.group(7), parameters(m.group(8))));
        }
        return sessions;
    }

    private static Map<String, String> parameters(String rest) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String part : rest.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parameters.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return parameters;
    }
}
