package io.istgt.telemetry.sim.event;

import io.istgt.telemetry.sim.fault.Fault;
import io.istgt.telemetry.sim.model.Replica;
import io.istgt.telemetry.sim.model.ScsiOp;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The text form of an event: {@code VOLUME EVENT [ARGS...]}, as scenario lines (after their time) and admin
 * socket lines use it. Errors name the event and what was expected.
 */
public final class EventLine {

    /** Each event with its argument synopsis, for error messages and help. */
    public static final List<String> SYNOPSIS = List.of(
            "replica-disconnect REPLICA_ID",
            "replica-connect REPLICA_ID",
            "mgmt-errors REPLICA_ID COUNT",
            "data-errors REPLICA_ID COUNT",
            "rebuild-fail REPLICA_ID [COUNT]",
            "snapshot [COUNT]",
            "snapshot-fail on|off",
            "login COUNT [INITIATOR_IQN]",
            "logout COUNT",
            "login-storm COUNT",
            "discovery [COUNT]",
            "scsi OPCODE [COUNT]",
            "io-rate IOPS",
            "io-errors REPLICA_ID timeout|fail|version-mismatch read|write|sync COUNT",
            "restart",
            "fault stall|slow DURATION|slow-bytes DURATION|garbage [BYTES]|truncated-json|close-mid-line"
                    + "|huge-line SIZE|not-initialized|off");

    private EventLine() {
    }

    public static SimEvent parse(String line) {
        List<String> words = Arrays.stream(line.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.size() < 2) {
            throw new IllegalArgumentException("expected 'VOLUME EVENT [ARGS...]', got '" + line.trim() + "'");
        }
        String volume = words.get(0);
        String event = words.get(1).toLowerCase(Locale.ROOT);
        Args a = new Args(event, words.subList(2, words.size()));
        SimEvent result = switch (event) {
            case "replica-disconnect" -> new SimEvent.ReplicaDisconnect(volume, a.replicaId(0));
            case "replica-connect", "replica-reconnect" -> new SimEvent.ReplicaConnect(volume, a.replicaId(0));
            case "mgmt-errors" -> new SimEvent.ConnectionErrors(volume, a.replicaId(0), a.count(1, null), 0);
            case "data-errors" -> new SimEvent.ConnectionErrors(volume, a.replicaId(0), 0, a.count(1, null));
            case "rebuild-fail" -> new SimEvent.RebuildFailure(volume, a.replicaId(0), (int) a.count(1, 1L));
            case "snapshot" -> new SimEvent.Snapshot(volume, (int) a.count(0, 1L));
            case "snapshot-fail" -> new SimEvent.SnapshotFailure(volume, a.onOff(0));
            case "login" -> new SimEvent.Login(volume, (int) a.count(0, null), a.optional(1));
            case "logout" -> new SimEvent.Logout(volume, (int) a.count(0, null));
            case "login-storm" -> new SimEvent.LoginStorm(volume, (int) a.count(0, null));
            case "discovery" -> new SimEvent.Discovery(volume, (int) a.count(0, 1L));
            case "scsi" -> new SimEvent.ScsiCommands(volume, a.opcode(0), a.count(1, 1L));
            case "io-rate" -> new SimEvent.IoRate(volume, a.rate(0));
            case "io-errors" -> new SimEvent.ReplicaIoErrors(volume, a.replicaId(0), a.errorKind(1), a.opKind(2),
                    a.count(3, null));
            case "restart" -> new SimEvent.Restart(volume);
            case "fault" -> new SimEvent.SetFault(volume, a.fault());
            default -> throw new IllegalArgumentException("unknown event '" + words.get(1) + "'; known: "
                    + SYNOPSIS.stream().map(s -> s.split(" ")[0]).toList());
        };
        a.requireNoMore();
        return result;
    }

    /** The arguments of one event, consumed by position. */
    private static final class Args {
        private final String event;
        private final List<String> words;
        private int used;

        Args(String event, List<String> words) {
            this.event = event;
            this.words = words;
        }

        String replicaId(int i) {
            String id = required(i, "REPLICA_ID");
            try {
                Long.parseUnsignedLong(id);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(event + ": replica id '" + id
                        + "' is not an unsigned 64-bit number", e);
            }
            return id;
        }

        long count(int i, Long dflt) {
            String text = i < words.size() ? words.get(i) : null;
            if (text == null) {
                if (dflt == null) {
                    throw new IllegalArgumentException(event + ": missing COUNT; usage: " + usage());
                }
                return dflt;
            }
            used = Math.max(used, i + 1);
            try {
                long n = Long.parseLong(text);
                if (n < 0) {
                    throw new IllegalArgumentException(event + ": COUNT must not be negative, got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(event + ": COUNT '" + text + "' is not a number", e);
            }
        }

        int opcode(int i) {
            String text = required(i, "OPCODE");
            String hex = text.toLowerCase(Locale.ROOT).startsWith("0x") ? text.substring(2) : text;
            try {
                int opcode = Integer.parseInt(hex, 16);
                if (opcode > 0xff) {
                    throw new NumberFormatException("more than one byte");
                }
                return opcode;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(event + ": OPCODE '" + text
                        + "' is not a SCSI opcode in hex (00-ff, e.g. 12 or 0x12)", e);
            }
        }

        double rate(int i) {
            String text = required(i, "IOPS");
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(event + ": IOPS '" + text + "' is not a number", e);
            }
        }

        boolean onOff(int i) {
            String text = required(i, "on|off").toLowerCase(Locale.ROOT);
            return switch (text) {
                case "on" -> true;
                case "off" -> false;
                default -> throw new IllegalArgumentException(event + ": expected on or off, got '" + text + "'");
            };
        }

        Replica.IoErrorKind errorKind(int i) {
            String text = required(i, "timeout|fail|version-mismatch").toLowerCase(Locale.ROOT);
            return switch (text) {
                case "timeout" -> Replica.IoErrorKind.TIMEOUT;
                case "fail" -> Replica.IoErrorKind.FAIL;
                case "version-mismatch" -> Replica.IoErrorKind.VERSION_MISMATCH;
                default -> throw new IllegalArgumentException(event + ": error kind must be timeout, fail or"
                        + " version-mismatch, got '" + text + "'");
            };
        }

        ScsiOp.Kind opKind(int i) {
            String text = required(i, "read|write|sync").toLowerCase(Locale.ROOT);
            return switch (text) {
                case "read" -> ScsiOp.Kind.READ;
                case "write" -> ScsiOp.Kind.WRITE;
                case "sync" -> ScsiOp.Kind.SYNC;
                default -> throw new IllegalArgumentException(event + ": op must be read, write or sync, got '"
                        + text + "'");
            };
        }

        Fault fault() {
            String kind = required(0, "KIND").toLowerCase(Locale.ROOT);
            return switch (kind) {
                case "off", "clear", "none" -> null;
                case "stall" -> Fault.stall();
                case "slow" -> Fault.slowReply(Units.duration(required(1, "DURATION")));
                case "slow-bytes" -> Fault.slowBytes(Units.duration(required(1, "DURATION")));
                case "garbage" -> words.size() > 1 ? new Fault.Garbage((int) Units.bytes(required(1, "BYTES")))
                        : Fault.garbage();
                case "truncated-json" -> Fault.truncatedJson();
                case "close-mid-line" -> Fault.closeMidLine();
                case "huge-line" -> Fault.hugeLine(Units.bytes(required(1, "SIZE")));
                case "not-initialized" -> Fault.notInitialized();
                default -> throw new IllegalArgumentException("fault: unknown kind '" + kind + "'; usage: " + usage());
            };
        }

        String optional(int i) {
            if (i < words.size()) {
                used = Math.max(used, i + 1);
                return words.get(i);
            }
            return null;
        }

        private String required(int i, String what) {
            if (i >= words.size()) {
                throw new IllegalArgumentException(event + ": missing " + what + "; usage: " + usage());
            }
            used = Math.max(used, i + 1);
            return words.get(i);
        }

        void requireNoMore() {
            if (used < words.size()) {
                throw new IllegalArgumentException(event + ": unexpected '" + String.join(" ",
                        words.subList(used, words.size())) + "'; usage: " + usage());
            }
        }

        private String usage() {
            return SYNOPSIS.stream().filter(s -> s.startsWith(event + " ") || s.equals(event)).findFirst()
                    .orElse(event);
        }
    }
}
