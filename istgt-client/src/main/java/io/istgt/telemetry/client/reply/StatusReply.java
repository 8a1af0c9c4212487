package io.istgt.telemetry.client.reply;

import io.istgt.telemetry.client.snapshot.LunState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * STATUS: istgt's state ({@code Running:NORMAL MODE OF OPERATION}) and REAL or FAKE per target iqn.
 *
 * @param state null if istgt did not send the state line
 */
record StatusReply(String state, Map<String, LunState> lunStates) {

    public StatusReply {
        lunStates = Collections.unmodifiableMap(new LinkedHashMap<>(lunStates));
    }
}
