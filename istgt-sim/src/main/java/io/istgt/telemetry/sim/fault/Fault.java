package io.istgt.telemetry.sim.fault;

import java.time.Duration;

/**
 * A way an istgt control socket can misbehave, switched on per target at run time. Every fault is bounded:
 * it costs at most a fixed amount of memory, and clearing it restores normal service from the next connection.
 */
public sealed interface Fault {

    /** Greets and reads the command, then never answers (a hung istgt): the connection stays open until the
     *  fault is cleared, the client gives up or the emulator stops. */
    record Stall() implements Fault {
    }

    /** Every reply line (or every byte, if {@code perByte}) is delayed by {@code delay}. */
    record SlowReply(Duration delay, boolean perByte) implements Fault {
        public SlowReply {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("slow reply delay must not be negative, got " + delay);
            }
        }
    }

    /** Each reply is replaced by {@code bytes} bytes that are not protocol (binary, no valid reply line). */
    record Garbage(int bytes) implements Fault {
        public Garbage {
            if (bytes < 1 || bytes > 1 << 20) {
                throw new IllegalArgumentException("garbage length must be 1..1048576 bytes, got " + bytes);
            }
        }
    }

    /** JSON data lines are cut in the middle (still ending in CRLF), then {@code OK <CMD>} follows as usual. */
    record TruncatedJson() implements Fault {
    }

    /** The first reply line is sent half-way, without its line end, and the connection is closed. */
    record CloseMidLine() implements Fault {
    }

    /** The first data line is {@code bytes} long (streamed, never held in memory), then {@code OK <CMD>}. */
    record HugeLine(long bytes) implements Fault {
        public HugeLine {
            if (bytes < 1 || bytes > 1L << 32) {
                throw new IllegalArgumentException("huge line length must be 1..4294967296 bytes, got " + bytes);
            }
        }
    }

    /** Any known command answers {@code ERR replication module not initialized} and istgt hangs up, as a
     *  freshly started istgt does before its replication module is up. */
    record NotInitialized() implements Fault {
    }

    static Fault stall() {
        return new Stall();
    }

    static Fault slowReply(Duration perLine) {
        return new SlowReply(perLine, false);
    }

    static Fault slowBytes(Duration perByte) {
        return new SlowReply(perByte, true);
    }

    static Fault garbage() {
        return new Garbage(512);
    }

    static Fault truncatedJson() {
        return new TruncatedJson();
    }

    static Fault closeMidLine() {
        return new CloseMidLine();
    }

    static Fault hugeLine(long bytes) {
        return new HugeLine(bytes);
    }

    static Fault notInitialized() {
        return new NotInitialized();
    }
}
