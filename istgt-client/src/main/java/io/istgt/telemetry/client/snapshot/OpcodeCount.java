package io.istgt.telemetry.client.snapshot;

/**
 * How many commands (or PDUs) of one opcode istgt started and finished, from STATS
 * ({@code 2a:768 768} is opcode 0x2a, WRITE(10)).
 */
public record OpcodeCount(int opcode, long started, long finished) {

    public OpcodeCount {
        if (opcode < 0 || opcode > 0xff) {
            throw new IllegalArgumentException("an opcode is one byte, got " + opcode);
        }
        if (started < 0 || finished < 0) {
            throw new IllegalArgumentException("opcode 0x" + Integer.toHexString(opcode)
                    + " counts must not be negative, got " + started + "/" + finished);
        }
    }

    /** The opcode as istgt and the SCSI specs write it, e.g. {@code 0x2a}. */
    public String hex() {
        return String.format("0x%02x", opcode);
    }
}
