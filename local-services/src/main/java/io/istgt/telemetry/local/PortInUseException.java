package io.istgt.telemetry.local;

/** A port a local service was asked to listen on is taken by another process. */
public final class PortInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int port;

    public PortInUseException(int port, String what) {
        super("port " + port + " on 127.0.0.1 is already in use, so " + what + " cannot listen there: stop what"
                + " listens on it (e.g. `ss -ltnp 'sport = :" + port + "'` shows it) or choose another port");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
