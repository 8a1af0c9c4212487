package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.protocol.ControlProtocol;
import io.istgt.telemetry.sim.model.Target;
import io.istgt.telemetry.sim.model.Volume;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * istgt's command table and handlers (istgt_uctl_cmd_execute and the istgt_uctl_cmd_* functions): argument
 * checks, error texts and reply lines as the real istgt gives them.
 */
final class ControlCommands {

    /** Commands the emulated build knows; anything else is {@code ERR unknown command}. */
    private static final Set<String> KNOWN = Set.of("AUTH", "QUIT", "NOOP", "VERSION", "LIST", "STATUS", "INFO",
            "DUMP", "STATS", "IOSTATS", "MEMPOOL", "REPLICA", "MAXIOWAIT", "SNAPCREATE", "SNAPDESTROY", "RESIZE",
            "DRF", "ISTGTSTATUS");
    private static final int MAX_REPLICA = 5;

    private final Target target;

    ControlCommands(Target target) {
        this.target = target;
    }

    /** Whether istgt's command table has this (upper-cased) word. */
    boolean knows(String command) {
        return KNOWN.contains(command) && !(command.equals("ISTGTSTATUS") && target.options().stock());
    }

    Reply execute(Request request, Instant now) {
        String cmd = request.command();
        if (!knows(cmd)) {
            return Reply.error(ControlProtocol.ERR_UNKNOWN_COMMAND);
        }
        return switch (cmd) {
            case "AUTH" -> Reply.error(ControlProtocol.ERR_AUTH_NOT_REQUIRED);
            case "QUIT" -> new Reply(List.of(ControlProtocol.OK_PREFIX + cmd), true);
            case "NOOP" -> Reply.ok(cmd, List.of());
            case "VERSION" -> Reply.ok(cmd, List.of("VERSION " + ControlProtocol.ISTGT_VERSION + ":"
                    + target.options().buildStamp()));
            case "LIST" -> list(request, now);
            case "STATUS" -> status(request, now);
            case "INFO" -> request.args().size() > 1 ? invalidParameters()
                    : target.inspect(now, t -> Reply.ok(cmd, TextReplies.info(t, request.arg(0))));
            case "DUMP" -> request.args().size() > 2 ? invalidParameters()
                    : target.inspect(now, t -> Reply.ok(cmd, TextReplies.dump(t, "1".equals(leadingInt(request.arg(0))),
                    request.arg(1))));
            case "STATS" -> target.inspect(now, t -> Reply.ok(cmd,
                    TextReplies.stats(t.stats("1".equals(leadingInt(request.arg(0)))))));
            case "IOSTATS" -> target.inspect(now, t -> Reply.data(ControlCommand.IOSTATS,
                    t.volumes().stream().map(v -> IostatsJson.render(t, v, now)).toList()));
            case "ISTGTSTATUS" -> target.inspect(now, t -> Reply.data(ControlCommand.ISTGTSTATUS,
                    t.volumes().stream().map(v -> IstgtStatusJson.render(t, v, now)).toList()));
            case "REPLICA" -> target.inspect(now, t -> Reply.data(ControlCommand.REPLICA,
                    List.of(ReplicaJson.replica(t.volumes(), request.arg(0), now))));
            case "MEMPOOL" -> target.inspect(now, t -> Reply.data(ControlCommand.MEMPOOL,
                    List.of(ReplicaJson.mempool(t.volumes(), now))));
            case "MAXIOWAIT" -> maxIoWait(request, now);
            case "SNAPCREATE", "SNAPDESTROY" -> snapshot(request, now);
            case "RESIZE" -> resize(request, now);
            case "DRF" -> desiredReplicationFactor(request);
            default -> throw new IllegalStateException("command " + cmd + " is known but has no handler");
        };
    }

    /** The reply to a known command while the replication module is not up: istgt then hangs up. */
    static Reply notInitialized() {
        return new Reply(List.of(ControlProtocol.ERR_PREFIX + ControlProtocol.ERR_REPLICATION_NOT_INITIALIZED), true);
    }

    private Reply list(Request request, Instant now) {
        if (request.args().size() > 2) {
            return invalidParameters();
        }
        return target.inspect(now, t -> {
            String iqn = request.arg(0);
            if (iqn == null) {
                return Reply.ok("LIST", t.volumes().stream()
                        .map(v -> "LIST " + v.iqn() + " LU" + v.spec().lun()).toList());
            }
            Volume v = byIqn(t, iqn);
            if (v == null || leadingIntValue(request.arg(1)) != 0) {
                return Reply.error(ControlProtocol.ERR_NO_TARGET);
            }
            return Reply.ok("LIST", List.of("LIST lun0 storage \"/dev/zvol/cstor/" + v.name() + "\" "
                    + v.spec().sizeBytes()));
        });
    }

    // istgt_uctl_cmd_status: at most an iqn and a lun; FAKE when the LU is busy, which a replicated LU is
    // while the volume is not ready.
    private Reply status(Request request, Instant now) {
        if (request.args().size() > 2) {
            return invalidParameters();
        }
        return target.inspect(now, t -> {
            List<String> lines = new java.util.ArrayList<>();
            lines.add("STATUS Running:NORMAL MODE OF OPERATION");
            for (Volume v : t.volumes()) {
                if (request.arg(0) == null || request.arg(0).equalsIgnoreCase(v.iqn())) {
                    lines.add("STATUS " + v.iqn() + (v.ready() ? " REAL" : " FAKE"));
                }
            }
            return Reply.ok("STATUS", lines);
        });
    }

    private Reply maxIoWait(Request request, Instant now) {
        String value = request.arg(0);
        if (value != null && leadingIntValue(value) > 0) {
            target.setMaxIoWait((int) leadingIntValue(value));
        }
        return target.inspect(now, t -> Reply.data(ControlCommand.MAXIOWAIT, List.of(Integer.toString(t.maxIoWait()))));
    }

    // istgt_uctl_cmd_snap: four arguments (volume, snapshot, io wait, wait) or "ERR invalid param".
    private Reply snapshot(Request request, Instant now) {
        if (request.args().size() < 4) {
            return Reply.error(ControlProtocol.ERR_INVALID_PARAM);
        }
        String cmd = request.command();
        String volumeName = request.arg(0);
        if (target.inspect(now, t -> t.volume(volumeName).isEmpty())) {
            return Reply.error(ControlProtocol.ERR_NO_TARGET);
        }
        if (cmd.equals("SNAPDESTROY")) {
            return Reply.ok(cmd, List.of());
        }
        boolean[] ok = new boolean[1];
        target.update(now, volumeName, (v, at) -> ok[0] = v.snapshot());
        return ok[0] ? Reply.ok(cmd, List.of()) : Reply.error("failed " + cmd);
    }

    private Reply resize(Request request, Instant now) {
        if (request.args().size() < 2) {
            return Reply.error(ControlProtocol.ERR_INVALID_PARAM);
        }
        Long requested = parseSize(request.arg(1));
        if (requested == null) {
            return Reply.error(ControlProtocol.ERR_INVALID_PARAM);
        }
        return target.inspect(now, t -> {
            Volume v = t.volume(request.arg(0)).orElse(null);
            if (v == null) {
                return Reply.error(ControlProtocol.ERR_NO_TARGET);
            }
            if (requested < v.spec().sizeBytes()) {
                return Reply.error("current size is already greater than requested size");
            }
            return Reply.ok("RESIZE", List.of());
        });
    }

    private Reply desiredReplicationFactor(Request request) {
        if (request.args().size() < 2) {
            return Reply.error(ControlProtocol.ERR_INVALID_PARAM);
        }
        long drf = leadingIntValue(request.arg(1));
        if (drf > MAX_REPLICA) {
            return Reply.error("desired replication factor(" + drf + ") can not be greater than MAXREPLICA("
                    + MAX_REPLICA + ")");
        }
        if (drf >= 1) {
            target.setDesiredReplicationFactor(request.arg(0), (int) drf); // and istgt.conf with it
        }
        return Reply.ok("DRF", List.of());
    }

    private static Reply invalidParameters() {
        return Reply.error(ControlProtocol.ERR_INVALID_PARAMETERS);
    }

    private static Volume byIqn(Target t, String iqn) {
        return t.volumes().stream().filter(v -> v.iqn().equalsIgnoreCase(iqn)).findFirst().orElse(null);
    }

    /** The digits atoi/strtol would read, as text ("1" for "1abc"), or null. */
    private static String leadingInt(String s) {
        if (s == null) {
            return null;
        }
        return Long.toString(leadingIntValue(s));
    }

    private static long leadingIntValue(String s) {
        if (s == null) {
            return 0;
        }
        String t = s.strip();
        int i = 0;
        boolean negative = false;
        if (i < t.length() && (t.charAt(i) == '-' || t.charAt(i) == '+')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && value < Integer.MAX_VALUE) {
            value = value * 10 + (t.charAt(i++) - '0');
        }
        return negative ? -value : value;
    }

    private static Long parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        int shift = "KMGTP".indexOf(last);
        if (shift >= 0) {
            unit = 1L << (10 * (shift + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }
}
