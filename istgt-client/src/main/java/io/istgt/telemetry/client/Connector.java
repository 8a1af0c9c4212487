package io.istgt.telemetry.client;

import io.istgt.telemetry.client.snapshot.ErrorKind;
import java.io.File;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;
import org.newsclub.net.unix.ConnectionRefusedSocketException;

/** Opens a unix socket to istgt and turns the ways that fails into {@link ErrorKind}s. */
final class Connector {

    private Connector() {
    }

    static AFUNIXSocket connect(Path socketPath, ClientSettings settings) throws IstgtControlException {
        String where = socketPath.toString();
        AFUNIXSocket socket = null;
        try {
            socket = AFUNIXSocket.newInstance();
            socket.connect(AFUNIXSocketAddress.of(new File(where)), (int) settings.connectTimeout().toMillis());
            return socket;
        } catch (IOException e) {
            IstgtControlException failure = classify(socketPath, settings, e);
            closeAfterFailure(socket, failure);
            throw failure;
        }
    }

    static IstgtControlException classify(Path socketPath, ClientSettings settings, IOException e) {
        String where = socketPath.toString();
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (e instanceof SocketTimeoutException) {
            return new IstgtControlException(ErrorKind.TIMEOUT, where, null,
                    "connect timed out after " + Durations.format(settings.connectTimeout()), e);
        }
        if (message.contains("no such file") || message.contains("not found")) {
            return new IstgtControlException(ErrorKind.NO_SOCKET, where, null, "no socket at " + where, e);
        }
        if (message.contains("permission denied") || message.contains("operation not permitted")) {
            return new IstgtControlException(ErrorKind.PERMISSION_DENIED, where, null,
                    "permission denied connecting to " + where, e);
        }
        if (e instanceof ConnectionRefusedSocketException || message.contains("connection refused")) {
            // connect(2) also says ECONNREFUSED for a path that is not a socket at all.
            if (Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS) && !isSocket(socketPath)) {
                return new IstgtControlException(ErrorKind.NO_SOCKET, where, null,
                        "no socket at " + where + ": it exists but is not a socket", e);
            }
            return new IstgtControlException(ErrorKind.CONNECTION_REFUSED, where, null,
                    "connection refused: a socket file is at " + where + " but nothing listens on it", e);
        }
        if (e instanceof SocketException && message.contains("timed out")) {
            return new IstgtControlException(ErrorKind.TIMEOUT, where, null,
                    "connect timed out after " + Durations.format(settings.connectTimeout()), e);
        }
        return new IstgtControlException(ErrorKind.IO_ERROR, where, null,
                "cannot connect to " + where + ": " + e.getMessage(), e);
    }

    private static boolean isSocket(Path path) {
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return mode instanceof Integer m && (m & 0170000) == 0140000;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // Without the unix view, trust connect(2)'s answer: refused.
            return true;
        }
    }

    private static void closeAfterFailure(AFUNIXSocket socket, IstgtControlException failure) {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        } catch (IOException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}
