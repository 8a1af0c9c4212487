package io.istgt.telemetry.client.snapshot;

import java.util.Map;
import java.util.Objects;

/**
 * One iSCSI session as INFO lists it:
 * {@code w#1: Login from <initiator> (<address>) on <target iqn> LU1 LU_Online=Yes (<portal>), ISID=..., ...}.
 *
 * @param connection istgt's connection number ({@code w#N})
 * @param luOnline   {@code LU_Online}; null if the line lacks it
 * @param portal     {@code address:port,tag} the initiator logged in through; null if the line lacks it
 * @param parameters the remaining {@code KEY=value} pairs (ISID, TSIH, CID, HeaderDigest, ...), in order
 */
public record IscsiSession(
        int connection,
        String initiatorName,
        String initiatorAddress,
        String targetIqn,
        String logicalUnit,
        Boolean luOnline,
        String portal,
        Map<String, String> parameters) {

    public IscsiSession {
        Objects.requireNonNull(initiatorName, "initiatorName");
        Objects.requireNonNull(initiatorAddress, "initiatorAddress");
        Objects.requireNonNull(targetIqn, "targetIqn");
        // Keep istgt's order: Map.copyOf would not.
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(
                Objects.requireNonNull(parameters, "parameters")));
    }
}
