package io.istgt.telemetry.collector.publish;

import java.util.Map;

/** Conventional names of the SCSI opcodes and iSCSI PDU opcodes STATS counts (SPC/SBC and RFC 7143). */
public final class OpcodeNames {

    private static final Map<Integer, String> SCSI = Map.ofEntries(
            Map.entry(0x00, "TEST UNIT READY"),
            Map.entry(0x03, "REQUEST SENSE"),
            Map.entry(0x04, "FORMAT UNIT"),
            Map.entry(0x08, "READ(6)"),
            Map.entry(0x0a, "WRITE(6)"),
            Map.entry(0x12, "INQUIRY"),
            Map.entry(0x15, "MODE SELECT(6)"),
            Map.entry(0x16, "RESERVE(6)"),
            Map.entry(0x17, "RELEASE(6)"),
            Map.entry(0x1a, "MODE SENSE(6)"),
            Map.entry(0x1b, "START STOP UNIT"),
            Map.entry(0x1d, "SEND DIAGNOSTIC"),
            Map.entry(0x1e, "PREVENT ALLOW MEDIUM REMOVAL"),
            Map.entry(0x25, "READ CAPACITY(10)"),
            Map.entry(0x28, "READ(10)"),
            Map.entry(0x2a, "WRITE(10)"),
            Map.entry(0x2f, "VERIFY(10)"),
            Map.entry(0x35, "SYNCHRONIZE CACHE(10)"),
            Map.entry(0x41, "WRITE SAME(10)"),
            Map.entry(0x42, "UNMAP"),
            Map.entry(0x4d, "LOG SENSE"),
            Map.entry(0x55, "MODE SELECT(10)"),
            Map.entry(0x5a, "MODE SENSE(10)"),
            Map.entry(0x5e, "PERSISTENT RESERVE IN"),
            Map.entry(0x5f, "PERSISTENT RESERVE OUT"),
            Map.entry(0x83, "EXTENDED COPY"),
            Map.entry(0x84, "RECEIVE COPY RESULTS"),
            Map.entry(0x88, "READ(16)"),
            Map.entry(0x89, "COMPARE AND WRITE"),
            Map.entry(0x8a, "WRITE(16)"),
            Map.entry(0x8f, "VERIFY(16)"),
            Map.entry(0x91, "SYNCHRONIZE CACHE(16)"),
            Map.entry(0x93, "WRITE SAME(16)"),
            Map.entry(0x9e, "SERVICE ACTION IN(16)"),
            Map.entry(0xa0, "REPORT LUNS"),
            Map.entry(0xa3, "MAINTENANCE IN"),
            Map.entry(0xa8, "READ(12)"),
            Map.entry(0xaa, "WRITE(12)"));

    private static final Map<Integer, String> PDU = Map.ofEntries(
            Map.entry(0x00, "NOP-Out"),
            Map.entry(0x01, "SCSI Command"),
            Map.entry(0x02, "Task Management Function Request"),
            Map.entry(0x03, "Login Request"),
            Map.entry(0x04, "Text Request"),
            Map.entry(0x05, "SCSI Data-Out"),
            Map.entry(0x06, "Logout Request"),
            Map.entry(0x10, "SNACK Request"),
            Map.entry(0x20, "NOP-In"),
            Map.entry(0x21, "SCSI Response"),
            Map.entry(0x22, "Task Management Function Response"),
            Map.entry(0x23, "Login Response"),
            Map.entry(0x24, "Text Response"),
            Map.entry(0x25, "SCSI Data-In"),
            Map.entry(0x26, "Logout Response"),
            Map.entry(0x31, "Ready To Transfer (R2T)"),
            Map.entry(0x32, "Asynchronous Message"),
            Map.entry(0x3f, "Reject"));

    private OpcodeNames() {
    }

    /** The SCSI command's name, or null for an opcode not in the table. */
    public static String scsi(int opcode) {
        return SCSI.get(opcode);
    }

    /** The iSCSI PDU's name, or null for an opcode not in the table. */
    public static String pdu(int opcode) {
        return PDU.get(opcode);
    }
}
