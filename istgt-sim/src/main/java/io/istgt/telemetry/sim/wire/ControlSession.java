package io.istgt.telemetry.sim.wire;

import io.istgt.telemetry.protocol.ControlProtocol;
import io.istgt.telemetry.sim.fault.Fault;
import io.istgt.telemetry.sim.model.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One control connection, run like istgt's {@code uctlworker}: greet, then read a request, execute it, reply,
 * until QUIT, end of stream, an idle receive timeout, or a command that makes istgt hang up. The target's
 * fault, if any, is applied per request.
 */
public final class ControlSession implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSession.class);
    private static final Duration STALL_CHECK = Duration.ofMillis(50);
    /** The replies a connecting replica holds back (the ISTGTSTATUS build; see TargetOptions.handshakeStall). */
    private static final Set<String> HELD_BY_HANDSHAKE = Set.of("ISTGTSTATUS", "REPLICA");

    private final Socket socket;
    private final Target target;
    private final InstantSource clock;
    private final Duration idleTimeout;
    private final Pause pause;
    private final ControlCommands commands;
    private final SplittableRandom garbage;

    public ControlSession(Socket socket, Target target, InstantSource clock, Duration idleTimeout, Pause pause,
                          long seed) {
        this.socket = socket;
        this.target = target;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.pause = pause;
        this.commands = new ControlCommands(target);
        this.garbage = new SplittableRandom(seed);
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, idleTimeout.toMillis())));
            OutputStream paced = new PacedOutputStream(socket.getOutputStream(), this::perByteDelay, pause);
            ReplyWriter writer = new ReplyWriter(new BufferedOutputStream(paced, 8192));
            writer.writeLine(ControlProtocol.GREETING_PREFIX + ControlProtocol.ISTGT_VERSION + ":"
                    + target.options().buildStamp() + " on  from ");
            RequestLineReader reader = new RequestLineReader(socket.getInputStream());
            boolean open = true;
            while (open) {
                RequestLineReader.Result result = reader.read();
                open = switch (result) {
                    case RequestLineReader.Result.Line line -> serve(Request.parse(line.bytes()), writer);
                    case RequestLineReader.Result.EndOfStream eof -> false;
                    case RequestLineReader.Result.Idle idle -> {
                        LOG.debug("istgt {}: closing a control connection idle for {}", target.name(), idleTimeout);
                        yield false;
                    }
                    case RequestLineReader.Result.Broken broken -> {
                        LOG.debug("istgt {}: control connection broken", target.name(), broken.cause());
                        yield false;
                    }
                };
            }
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            LOG.debug("istgt {}: control connection interrupted", target.name(), e);
        } catch (IOException e) {
            // The client went away mid-reply, or the emulator is stopping: routine for a server.
            LOG.debug("istgt {}: control connection ended", target.name(), e);
        }
    }

    /** Serves one request; returns whether the connection stays open. */
    private boolean serve(Request request, ReplyWriter writer) throws IOException {
        Instant now = clock.instant();
        target.catchUp(now);
        Fault fault = target.fault();
        if (fault instanceof Fault.Stall) {
            awaitFaultChange(fault);
            return false;
        }
        Reply reply;
        if (fault instanceof Fault.NotInitialized && commands.knows(request.command())) {
            reply = ControlCommands.notInitialized();
        } else {
            now = awaitHandshakes(request, now);
            reply = commands.execute(request, now);
        }
        List<String> lines = reply.lines();
        switch (fault) {
            case Fault.Garbage g -> {
                byte[] junk = new byte[g.bytes()];
                garbage.nextBytes(junk);
                writer.writeRaw(junk, 0, junk.length);
                return !reply.hangUp();
            }
            case Fault.CloseMidLine c -> {
                byte[] first = lines.get(0).getBytes(StandardCharsets.ISO_8859_1);
                writer.writeRaw(first, 0, Math.max(1, first.length / 2));
                return false;
            }
            case Fault.TruncatedJson t -> lines = truncateJson(lines);
            case Fault.HugeLine h when reply.lines().size() > 1 -> {
                // the first data line becomes the huge one
                writeHugeLine(writer, request.command(), h.bytes());
                lines = lines.subList(1, lines.size());
            }
            case null, default -> {
            }
        }
        for (String line : lines) {
            if (target.fault() instanceof Fault.SlowReply slow && !slow.perByte()) {
                sleep(slow.delay());
            }
            if (!writer.writeLine(line)) {
                break; // istgt abandons a reply after a cut line: no OK follows
            }
        }
        return !reply.hangUp();
    }

    // While a replica connects, the ISTGTSTATUS build answers ISTGTSTATUS and REPLICA only when its handshake
    // is over (about 0.9 s after it connected); once waited out, it is over for everyone. Returns the time to
    // answer at.
    private Instant awaitHandshakes(Request request, Instant now) throws InterruptedIOException {
        if (target.options().stock() || !HELD_BY_HANDSHAKE.contains(request.command())) {
            return now;
        }
        Duration wait = target.handshakeRemaining(now);
        if (wait.isZero()) {
            return now;
        }
        sleep(wait);
        target.endHandshakes(now);
        return clock.instant();
    }

    private static List<String> truncateJson(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            int brace = line.indexOf('{');
            result.add(brace < 0 ? line : line.substring(0, brace + (line.length() - brace) / 2));
        }
        return result;
    }

    // Streamed in chunks so that a line of gigabytes costs 64 KiB of memory.
    private static void writeHugeLine(ReplyWriter writer, String command, long bytes) throws IOException {
        byte[] head = (command + "  {\"pad\":\"").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = "\"}\r\n".getBytes(StandardCharsets.ISO_8859_1);
        long fill = Math.max(0, bytes - head.length - tail.length);
        writer.writeRaw(head, 0, head.length);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        while (fill > 0) {
            int n = (int) Math.min(chunk.length, fill);
            writer.writeRaw(chunk, 0, n);
            fill -= n;
        }
        writer.writeRaw(tail, 0, tail.length);
    }

    private void awaitFaultChange(Fault stalled) throws InterruptedIOException {
        while (target.fault() == stalled && !socket.isClosed()) {
            sleep(STALL_CHECK);
        }
    }

    private Duration perByteDelay() {
        return target.fault() instanceof Fault.SlowReply slow && slow.perByte() ? slow.delay() : null;
    }

    private void sleep(Duration d) throws InterruptedIOException {
        try {
            pause.pause(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while delaying a reply");
            io.initCause(e);
            throw io;
        }
    }
}
