package io.istgt.telemetry.sim.model;

/**
 * One logged-in iSCSI session, with what INFO prints about it. The negotiated values are the ones the captures
 * show for libiscsi initiators.
 *
 * @param workerId     istgt's connection number ({@code w#N}), counted per istgt process
 * @param isid         the initiator session id, printed in hex
 * @param tsih         the target session handle, counted per volume from 1
 */
public record IscsiSession(int workerId, String initiatorName, String initiatorAddress, long isid, int tsih) {
}
