package io.istgt.telemetry.options;

/** A {@code --config} file that cannot be read or holds a key its program does not take; the message says which. */
public final class ConfigFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigFileException(String message) {
        super(message);
    }
}
