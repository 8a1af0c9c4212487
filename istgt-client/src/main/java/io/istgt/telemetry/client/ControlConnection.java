package io.istgt.telemetry.client;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import io.istgt.telemetry.protocol.ControlCommand;
import io.istgt.telemetry.protocol.ControlProtocol;
import io.istgt.telemetry.protocol.ReplyLine;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.newsclub.net.unix.AFUNIXSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to istgt's control socket, as {@code istgtcontrol} uses it: read the greeting, send
 * commands one after another, close with {@code QUIT}.
 *
 * <pre>{@code
 * try (ControlConnection c = ControlConnection.open(Path.of("/var/run/istgt_ctl_sock"), ClientSettings.defaults())) {
 *     List<String> iostats = c.request(ControlCommand.IOSTATS);   // one JSON payload per volume
 * }
 * }</pre>
 *
 * <p>Not thread-safe. After any failure other than an {@code ERR} reply the connection is closed (its
 * framing can no longer be trusted) and every later request fails at once; open a new one.
 */
public final class ControlConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlConnection.class);
    /** A greeting is one short line; anything longer is not istgt's. */
    private static final int MAX_GREETING_BYTES = 1024;
    private static final int EXCERPT_CHARS = 80;

    private final Closeable socket;
    private final String socketPath;
    private final ClientSettings settings;
    private final LineReader reader;
    private final OutputStream out;
    private final String greeting;
    private boolean usable = true;
    /** The command whose reply istgt abandoned after a cut line, until the next reply is read. */
    private String abandonedReply;
    /** Commands sent by {@link #send(List)} whose replies are not read yet, in the order sent. */
    private final ArrayDeque<ControlCommand> pending = new ArrayDeque<>();

    private ControlConnection(Closeable socket, String socketPath, ClientSettings settings, LineReader reader,
                              OutputStream out, String greeting) {
        this.socket = socket;
        this.socketPath = socketPath;
        this.settings = settings;
        this.reader = reader;
        this.out = out;
        this.greeting = greeting;
    }

    /** Connects and reads istgt's greeting, checking that it is istgt's. */
    public static ControlConnection open(Path socketPath, ClientSettings settings) throws IstgtControlException {
        Objects.requireNonNull(settings, "settings");
        AFUNIXSocket socket = Connector.connect(socketPath, settings);
        String where = socketPath.toString();
        try {
            LineReader reader = new LineReader(socket.getInputStream(), socket::setSoTimeout, settings, where);
            String greeting = readGreeting(reader, where, settings);
            return new ControlConnection(socket, where, settings, reader, socket.getOutputStream(), greeting);
        } catch (IOException e) {
            IstgtControlException failure = new IstgtControlException(ErrorKind.IO_ERROR, where, null,
                    "cannot use the connection to " + where + ": " + e.getMessage(), e);
            closeQuietlyAfter(socket, failure);
            throw failure;
        } catch (IstgtControlException e) {
            closeQuietlyAfter(socket, e);
            throw e;
        }
    }

    /**
     * A connection over given streams, the greeting read from {@code in}: the same framing and checks as
     * {@link #open}, for tests that feed the client arbitrary bytes (no socket, no read timeout).
     */
    static ControlConnection over(InputStream in, OutputStream out, Closeable closer, String where,
                                  ClientSettings settings) throws IstgtControlException {
        LineReader reader = new LineReader(in, millis -> { }, settings, where);
        return new ControlConnection(closer, where, settings, reader, out, readGreeting(reader, where, settings));
    }

    private static String readGreeting(LineReader reader, String socketPath, ClientSettings settings)
            throws IstgtControlException {
        long deadline = System.nanoTime() + settings.requestDeadline().toNanos();
        String line;
        try {
            line = reader.readLine(null, deadline, MAX_GREETING_BYTES);
        } catch (IstgtControlException e) {
            if (e.kind() == ErrorKind.LINE_TOO_LONG) {
                throw new IstgtControlException(ErrorKind.NOT_ISTGT, socketPath, null,
                        "not an istgt control socket: no line end in the first " + MAX_GREETING_BYTES
                                + " bytes, where istgt sends a short greeting", e);
            }
            throw e;
        }
        if (line == null) {
            throw new IstgtControlException(ErrorKind.CONNECTION_CLOSED, socketPath, null,
                    "the peer closed the connection before sending a greeting");
        }
        if (!line.startsWith(ControlProtocol.GREETING_PREFIX)) {
            throw new IstgtControlException(ErrorKind.NOT_ISTGT, socketPath, null,
                    "not an istgt control socket: the greeting should start with '" + ControlProtocol.GREETING_PREFIX
                            + "' but is '" + excerpt(line) + "'");
        }
        return line;
    }

    /** The greeting line as istgt sent it, without its line end. */
    public String greeting() {
        return greeting;
    }

    /** istgt's version from the greeting, e.g. {@code istgt:0.5.20121028:20:23:24:Nov 23 2026}. */
    public String istgtVersion() {
        String rest = greeting.substring(ControlProtocol.GREETING_PREFIX.length());
        int on = rest.lastIndexOf(" on ");
        return (on < 0 ? rest : rest.substring(0, on)).strip();
    }

    public String socketPath() {
        return socketPath;
    }

    /** False once a failure has closed this connection. */
    public boolean isUsable() {
        return usable;
    }

    /**
     * Sends {@code command} (its word alone: the client sends no arguments, see {@link ControlCommand}) and reads
     * the reply.
     *
     * @return the payloads of the reply's data lines, in order, without the command word
     * @throws IstgtControlException {@link ErrorKind#ERR_REPLY} or {@link ErrorKind#UNSUPPORTED_COMMAND} for
     *                               an {@code ERR} reply (the connection stays usable); any other kind closes it
     */
    public List<String> request(ControlCommand command) throws IstgtControlException {
        String word = command.word();
        if (!usable) {
            throw new IstgtControlException(ErrorKind.IO_ERROR, socketPath, word,
                    "the connection was closed after an earlier failure; open a new one");
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException("the replies to " + pending + " must be read before " + word + " is sent");
        }
        try {
            send((word + ControlProtocol.LINE_END).getBytes(StandardCharsets.US_ASCII), word);
            return readReply(word, System.nanoTime() + settings.requestDeadline().toNanos());
        } catch (IstgtControlException e) {
            if (e.kind() != ErrorKind.ERR_REPLY && e.kind() != ErrorKind.UNSUPPORTED_COMMAND) {
                closeSocket(e);
            }
            throw e;
        }
    }

    /**
     * Sends several commands (without arguments) in one write, without waiting for their replies: istgt reads
     * its socket line by line and answers each command in turn, so the replies come in the order sent. Read
     * each with {@link #reply}, in that order. One write and one read where {@link #request} takes a round trip
     * per command.
     *
     * @throws IstgtControlException {@link ErrorKind#CONNECTION_CLOSED} when the write fails; the connection
     *                               is closed
     */
    public void send(List<ControlCommand> commands) throws IstgtControlException {
        if (commands.isEmpty()) {
            return;
        }
        String first = commands.getFirst().word();
        if (!usable) {
            throw new IstgtControlException(ErrorKind.IO_ERROR, socketPath, first,
                    "the connection was closed after an earlier failure; open a new one");
        }
        StringBuilder lines = new StringBuilder(commands.size() * 12);
        for (ControlCommand command : commands) {
            lines.append(command.word()).append(ControlProtocol.LINE_END);
        }
        try {
            send(lines.toString().getBytes(StandardCharsets.US_ASCII), first);
        } catch (IstgtControlException e) {
            closeSocket(e);
            throw e;
        }
        for (ControlCommand command : commands) {
            pending.addLast(command);
        }
    }

    /**
     * Reads the reply to the oldest command sent by {@link #send(List)} and not read yet, which must be
     * {@code command}. Fails as {@link #request} does: an {@code ERR} reply leaves the connection usable (the
     * next reply follows it), any other failure closes it.
     */
    public List<String> reply(ControlCommand command) throws IstgtControlException {
        String word = command.word();
        if (!usable) {
            throw new IstgtControlException(ErrorKind.IO_ERROR, socketPath, word,
                    "the connection was closed after an earlier failure; open a new one");
        }
        if (pending.peekFirst() != command) {
            throw new IllegalStateException("the next reply is " + (pending.isEmpty() ? "none: nothing was sent"
                    : "to " + pending.peekFirst()) + ", not to " + word);
        }
        pending.removeFirst();
        try {
            return readReply(word, System.nanoTime() + settings.requestDeadline().toNanos());
        } catch (IstgtControlException e) {
            if (e.kind() != ErrorKind.ERR_REPLY && e.kind() != ErrorKind.UNSUPPORTED_COMMAND) {
                closeSocket(e);
            }
            throw e;
        }
    }

    private void send(byte[] lines, String word) throws IstgtControlException {
        try {
            out.write(lines);
            out.flush();
        } catch (IOException e) {
            throw new IstgtControlException(ErrorKind.CONNECTION_CLOSED, socketPath, word,
                    "cannot send the request, the connection is broken: " + e.getMessage(), e);
        }
    }

    private List<String> readReply(String word, long deadline) throws IstgtControlException {
        List<String> payloads = new ArrayList<>();
        try {
            return readReplyLines(word, deadline, payloads);
        } finally {
            if (!word.equals(abandonedReply)) {
                abandonedReply = null;
            }
        }
    }

    private List<String> readReplyLines(String word, long deadline, List<String> payloads) throws IstgtControlException {
        while (true) {
            int length = reader.read(word, deadline, settings.maxLineBytes());
            if (length < 0) {
                throw new IstgtControlException(ErrorKind.CONNECTION_CLOSED, socketPath, word,
                        "istgt closed the connection before the reply was complete (" + payloads.size()
                                + " data lines received, no 'OK " + word + "')");
            }
            byte[] bytes = reader.bytes();
            switch (ReplyLine.parse(bytes, 0, length, word)) {
                case ReplyLine.Data data when data.command().equals(word) -> {
                    payloads.add(data.payload());
                    // The line's length in characters, as it always was: decoded only when it may be cut (UTF-8
                    // decodes no more characters than bytes).
                    if (length >= ControlProtocol.CUT_LINE_BYTES
                            && decoded(bytes, length).length() >= ControlProtocol.CUT_LINE_BYTES) {
                        // istgt cut this line at its buffer and abandons the reply: no OK will come. What was
                        // received goes to the parser, which reports the JSON as truncated. Should a build
                        // send the OK after all, the next reply skips it (see abandonedReply).
                        abandonedReply = word;
                        return List.copyOf(payloads);
                    }
                }
                case ReplyLine.Ok ok when abandonedReply != null && ok.command().equalsIgnoreCase(abandonedReply) ->
                        abandonedReply = null;
                case ReplyLine.Ok ok when ok.command().equalsIgnoreCase(word) -> {
                    return List.copyOf(payloads);
                }
                case ReplyLine.Err err when err.message().equals(ControlProtocol.ERR_UNKNOWN_COMMAND) ->
                        throw IstgtControlException.errReply(ErrorKind.UNSUPPORTED_COMMAND, socketPath, word,
                                "this istgt does not know " + word + ": it answered 'ERR unknown command'",
                                err.message());
                case ReplyLine.Err err -> throw IstgtControlException.errReply(ErrorKind.ERR_REPLY, socketPath, word,
                        "istgt answered 'ERR " + excerpt(err.message()) + "'", err.message());
                default -> throw new IstgtControlException(ErrorKind.PROTOCOL_ERROR, socketPath, word,
                        "unexpected line in the reply: '" + excerpt(decoded(bytes, length)) + "'");
            }
        }
    }

    private static String decoded(byte[] line, int length) {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** Says QUIT and waits briefly for istgt's OK, then closes; never fails. */
    @Override
    public void close() {
        if (!usable) {
            return;
        }
        try {
            // Replies still owed to pipelined commands come first (a poll that failed in its parsing).
            while (!pending.isEmpty() && usable) {
                try {
                    reply(pending.peekFirst());
                } catch (IstgtControlException e) {
                    if (!usable) {
                        throw e;
                    }
                }
            }
            request(ControlCommand.QUIT);
        } catch (IstgtControlException e) {
            // Closing anyway; the peer may have gone already.
            log.debug("QUIT on {} failed, closing the socket anyway", socketPath, e);
        }
        closeSocket(null);
    }

    private void closeSocket(Exception cause) {
        usable = false;
        pending.clear();
        try {
            socket.close();
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            } else {
                log.debug("closing the socket {} failed", socketPath, e);
            }
        }
    }

    private static void closeQuietlyAfter(AFUNIXSocket socket, Exception failure) {
        try {
            socket.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** A line shortened and made printable for an error message. */
    static String excerpt(String line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length() && b.length() < EXCERPT_CHARS; i++) {
            char c = line.charAt(i);
            b.append(c >= ' ' && c <= '~' ? String.valueOf(c) : String.format("\\x%02x", (int) c & 0xff));
        }
        return line.length() > EXCERPT_CHARS ? b + "..." : b.toString();
    }
}
