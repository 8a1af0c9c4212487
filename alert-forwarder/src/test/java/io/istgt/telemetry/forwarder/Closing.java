package io.istgt.telemetry.forwarder;

/** Closes what a test class started, in the order given, skipping what never started. */
final class Closing {

    private Closing() {
    }

    static void all(AutoCloseable... started) {
        for (AutoCloseable c : started) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException("closing " + c, e);
            }
        }
    }
}
