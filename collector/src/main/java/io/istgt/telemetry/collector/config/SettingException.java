package io.istgt.telemetry.collector.config;

/** A setting is missing, malformed or conflicts with another; the message names it and says what is allowed. */
public final class SettingException extends Exception {

    private static final long serialVersionUID = 1L;

    public SettingException(String message) {
        super(message);
    }
}
