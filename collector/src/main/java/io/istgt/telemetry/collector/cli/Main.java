package io.istgt.telemetry.collector.cli;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Entry point of {@code bin/istgt-collector}. */
public final class Main {

    /** Counted down by the shutdown hook (SIGTERM, Ctrl-C). */
    private static final CountDownLatch STOP = new CountDownLatch(1);
    /** Counted down once {@code run} has stopped cleanly, so that the hook lets the JVM exit. */
    private static final CountDownLatch STOPPED = new CountDownLatch(1);

    private Main() {
    }

    /** Avro 1.12 writes and reads generated classes only of trusted packages (a system property). */
    static final String AVRO_TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    public static void main(String[] args) {
        if (System.getProperty(AVRO_TRUSTED_PACKAGES) == null) {
            // Before any Avro class loads; the launcher sets it too, this covers `java -jar`.
            System.setProperty(AVRO_TRUSTED_PACKAGES, "io.istgt.telemetry.schemas");
        }
        int code = IstgtCollectorCommand.commandLine(Clock.systemUTC(), System.getenv()).execute(args);
        STOPPED.countDown();
        System.exit(code);
    }

    /**
     * Waits for SIGTERM or Ctrl-C. The JVM runs shutdown hooks and exits once they return, so the hook waits for
     * {@code run} to finish its clean shutdown (bounded: the settings bound every step of it).
     */
    static void awaitTermination() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            STOP.countDown();
            try {
                if (!STOPPED.await(2, TimeUnit.MINUTES)) {
                    System.err.println("istgt-collector: clean shutdown took over 2 minutes; exiting anyway");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        STOP.await();
    }
}
