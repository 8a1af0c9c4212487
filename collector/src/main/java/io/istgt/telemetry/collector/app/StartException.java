package io.istgt.telemetry.collector.app;

/** The collector cannot start: the message says why and what to do. */
public final class StartException extends Exception {

    private static final long serialVersionUID = 1L;

    public StartException(String message, Throwable cause) {
        super(message, cause);
    }
}
