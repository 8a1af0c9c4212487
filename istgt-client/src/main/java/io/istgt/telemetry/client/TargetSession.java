package io.istgt.telemetry.client;

import io.istgt.telemetry.client.reply.MalformedReplyException;
import io.istgt.telemetry.client.reply.PollParser;
import io.istgt.telemetry.client.snapshot.CommandSet;
import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.client.snapshot.IstgtSnapshot;
import io.istgt.telemetry.client.snapshot.PartialFailure;
import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.protocol.ControlProtocol;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One istgt, polled: owns the connection to its control socket and what this istgt was
 * found to support, and turns each {@link #poll()} into a snapshot.
 *
 * <pre>{@code
 * try (TargetSession session = new TargetSession(Path.of("/var/run/istgt_ctl_sock"), ClientSettings.defaults(), Clock.systemUTC())) {
 *     IstgtSnapshot snapshot = session.poll();
 * }
 * }</pre>
 *
 * <p>A poll's commands are pipelined: written in one go, their replies read one after the other (istgt reads
 * its socket line by line and answers in order), each reply handled as if it had been asked alone.
 *
 * <p>The connection is kept between polls. The first poll on a connection asks for ISTGTSTATUS; if istgt
 * answers {@code ERR unknown command} the session falls back to the stock command set and remembers that
 * (and any other command this istgt lacks) for as long as the connection lives. Any failed poll closes the
 * connection and forgets what was learnt, so the next poll starts afresh: istgt may have been upgraded
 * or restarted in between. A connection istgt closed while idle (it does after 60 s) is reopened at once.
 *
 * <p>Not thread-safe: one poller per target.
 */
public final class TargetSession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TargetSession.class);

    /** Sent after ISTGTSTATUS too: it lacks the iqn, status, sizes and byte counts, sessions and mempool. */
    private static final List<ControlCommand> STOCK_COMMANDS = List.of(ControlCommand.IOSTATS, ControlCommand.REPLICA,
            ControlCommand.STATUS, ControlCommand.STATS, ControlCommand.INFO, ControlCommand.MEMPOOL,
            ControlCommand.MAXIOWAIT);

    private final Path socketPath;
    private final ClientSettings settings;
    private final Clock clock;
    private ControlConnection connection;
    /** Commands this istgt answered {@code ERR unknown command} to, on the current connection. */
    private final Set<ControlCommand> unsupported = EnumSet.noneOf(ControlCommand.class);
    private boolean deepConfirmed;
    private int repliesThisPoll;

    public TargetSession(Path socketPath, ClientSettings settings, Clock clock) {
        this.socketPath = Objects.requireNonNull(socketPath, "socketPath");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path socketPath() {
        return socketPath;
    }

    /** The command set learnt on the current connection; empty before the first poll on it. */
    public Optional<CommandSet> knownCommandSet() {
        if (unsupported.contains(ControlCommand.ISTGTSTATUS)) {
            return Optional.of(CommandSet.STOCK);
        }
        return deepConfirmed ? Optional.of(CommandSet.DEEP) : Optional.empty();
    }

    /** Whether a connection is open (kept from the last successful poll). */
    public boolean connected() {
        return connection != null && connection.isUsable();
    }

    /**
     * Takes one snapshot over the kept connection, connecting first if needed.
     *
     * @throws IstgtControlException what went wrong; the connection is closed and the next poll reconnects
     */
    public IstgtSnapshot poll() throws IstgtControlException {
        boolean reused = connected();
        try {
            return pollOnce();
        } catch (IstgtControlException e) {
            disconnect();
            if (reused && repliesThisPoll == 0
                    && (e.kind() == ErrorKind.CONNECTION_CLOSED || e.kind() == ErrorKind.IO_ERROR)) {
                log.debug("kept connection to {} was closed by istgt (idle?), reconnecting", socketPath, e);
                try {
                    return pollOnce();
                } catch (IstgtControlException again) {
                    disconnect();
                    throw again;
                }
            }
            throw e;
        }
    }

    private IstgtSnapshot pollOnce() throws IstgtControlException {
        repliesThisPoll = 0;
        if (!connected()) {
            connection = ControlConnection.open(socketPath, settings);
            unsupported.clear();
            deepConfirmed = false;
        }
        Instant collectedAt = clock.instant();
        List<String> warnings = new ArrayList<>();
        List<PartialFailure> partial = new ArrayList<>();
        // The poll's commands go in one write, their replies are read in turn (istgt answers in order).
        List<ControlCommand> commands = new ArrayList<>(1 + STOCK_COMMANDS.size());
        boolean askDeep = !unsupported.contains(ControlCommand.ISTGTSTATUS);
        if (askDeep) {
            commands.add(ControlCommand.ISTGTSTATUS);
        }
        for (ControlCommand c : STOCK_COMMANDS) {
            if (c == ControlCommand.IOSTATS || !unsupported.contains(c)) {
                commands.add(c);
            }
        }
        connection.send(commands);
        PollParser replies = new PollParser(connection.istgtVersion());
        if (askDeep) {
            istgtStatus(replies, warnings, partial);
        }
        List<String> iostats = connection.reply(ControlCommand.IOSTATS);
        repliesThisPoll++;
        parse(replies, ControlCommand.IOSTATS, iostats);
        for (ControlCommand optional : STOCK_COMMANDS.subList(1, STOCK_COMMANDS.size())) {
            optional(optional, replies, warnings, partial);
        }
        return replies.snapshot(socketPath.toString(), collectedAt, warnings, partial);
    }

    /** ISTGTSTATUS, unless this istgt lacks it (remembered) or its reply was cut short (not remembered). */
    private void istgtStatus(PollParser replies, List<String> warnings, List<PartialFailure> partial)
            throws IstgtControlException {
        List<String> payloads;
        try {
            payloads = connection.reply(ControlCommand.ISTGTSTATUS);
            repliesThisPoll++;
        } catch (IstgtControlException e) {
            if (e.kind() != ErrorKind.UNSUPPORTED_COMMAND) {
                throw e;
            }
            log.info("istgt at {} does not know ISTGTSTATUS: using the stock command set until it reconnects",
                    socketPath);
            unsupported.add(ControlCommand.ISTGTSTATUS);
            return;
        }
        try {
            replies.parse(ControlCommand.ISTGTSTATUS, payloads);
            deepConfirmed = true;
        } catch (MalformedReplyException e) {
            if (e.problem() != MalformedReplyException.Problem.TRUNCATED_JSON) {
                throw failure(ControlCommand.ISTGTSTATUS, e);
            }
            // With many replicas ISTGTSTATUS outgrows istgt's 4096-byte line: the stock commands still work.
            log.warn("{}: falling back to the stock command set for this poll ({})", socketPath, e.getMessage());
            warnings.add(e.getMessage() + ": used the stock command set instead");
            partial.add(new PartialFailure(ControlCommand.ISTGTSTATUS.word(), ErrorKind.JSON_TRUNCATED,
                    failure(ControlCommand.ISTGTSTATUS, e).getMessage() + ": used the stock command set instead",
                    null));
        }
    }

    /**
     * A command the snapshot can do without: a build that lacks it, or an ERR answer, leaves its part absent,
     * with a warning and a partial failure. istgt keeps the connection usable after ERR.
     */
    private void optional(ControlCommand command, PollParser replies, List<String> warnings,
                          List<PartialFailure> partial) throws IstgtControlException {
        if (unsupported.contains(command)) {
            warnings.add(notKnown(command));
            // Not asked again on this connection: reported as istgt answered it the first time.
            partial.add(new PartialFailure(command.word(), ErrorKind.UNSUPPORTED_COMMAND, new IstgtControlException(
                    ErrorKind.UNSUPPORTED_COMMAND, socketPath.toString(), command.word(), "this istgt does not know "
                    + command.word() + ": it answered 'ERR " + ControlProtocol.ERR_UNKNOWN_COMMAND + "'").getMessage(),
                    ControlProtocol.ERR_UNKNOWN_COMMAND));
            return;
        }
        List<String> payloads;
        try {
            payloads = connection.reply(command);
            repliesThisPoll++;
        } catch (IstgtControlException e) {
            if (e.kind() == ErrorKind.UNSUPPORTED_COMMAND) {
                unsupported.add(command);
                warnings.add(notKnown(command));
            } else if (e.kind() == ErrorKind.ERR_REPLY) {
                repliesThisPoll++;
                warnings.add(e.getMessage() + ": its values are absent");
            } else {
                throw e;
            }
            partial.add(new PartialFailure(command.word(), e.kind(), e.getMessage(), e.errorReply().orElse(null)));
            return;
        }
        parse(replies, command, payloads);
    }

    private static String notKnown(ControlCommand command) {
        return "this istgt does not know " + command.word() + ": its values are absent";
    }

    private void parse(PollParser replies, ControlCommand command, List<String> payloads)
            throws IstgtControlException {
        try {
            replies.parse(command, payloads);
        } catch (MalformedReplyException e) {
            throw failure(command, e);
        }
    }

    private IstgtControlException failure(ControlCommand command, MalformedReplyException e) {
        return IstgtControlException.malformedReply(socketPath.toString(), command, e);
    }

    private void disconnect() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        unsupported.clear();
        deepConfirmed = false;
    }

    /** Says QUIT and closes the connection, if one is open. */
    @Override
    public void close() {
        disconnect();
    }
}
