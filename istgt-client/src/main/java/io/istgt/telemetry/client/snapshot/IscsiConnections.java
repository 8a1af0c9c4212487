package io.istgt.telemetry.client.snapshot;

import static io.istgt.telemetry.client.snapshot.Checks.nonNegative;

import java.util.List;

/**
 * iSCSI logins, logouts and discoveries (ISTGTSTATUS: null with the stock command set) and the sessions
 * INFO lists (null when INFO was not answered).
 *
 * @param luWorkers      LU worker threads (ISTGTSTATUS {@code luWorkers})
 * @param loginDurations extended ISTGTSTATUS only
 */
public record IscsiConnections(
        Long loginRequests,
        Long loginSuccesses,
        Long logoutRequests,
        Long logoutSuccesses,
        Long discoveryRequests,
        Long discoverySuccesses,
        Long luWorkers,
        LoginDurationHistogram loginDurations,
        List<IscsiSession> sessions) {

    public IscsiConnections {
        nonNegative(loginRequests, "loginRequests");
        nonNegative(loginSuccesses, "loginSuccesses");
        nonNegative(logoutRequests, "logoutRequests");
        nonNegative(logoutSuccesses, "logoutSuccesses");
        nonNegative(discoveryRequests, "discoveryRequests");
        nonNegative(discoverySuccesses, "discoverySuccesses");
        nonNegative(luWorkers, "luWorkers");
        sessions = Checks.copyOrNull(sessions);
    }
}
