package io.istgt.telemetry.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The emulated istgt a wire test talks to over a real unix socket, on the test's manual clock, closed after each
 * test. Register it as a field: {@code @RegisterExtension final IstgtUnderTest istgt = new IstgtUnderTest(clock);}.
 */
final class IstgtUnderTest implements AfterEachCallback {

    /** The replicas connect 1, 2 and 3 s after the start: by then the volume serves IO. */
    static final Duration CONNECTED = Duration.ofSeconds(7);

    private final ManualClock clock;
    private EmulatedIstgt emulator;

    IstgtUnderTest(ManualClock clock) {
        this.clock = clock;
    }

    /** Starts the emulator on a socket in {@code dir} and moves the clock on until its replicas have connected. */
    Path start(Path dir, SimConfig.Builder config) {
        emulator = EmulatedIstgt.start(dir.resolve("istgt.sock"), config.clock(clock).build());
        clock.advance(CONNECTED);
        return emulator.socketPath();
    }

    EmulatedIstgt emulator() {
        return Objects.requireNonNull(emulator, "the test has not started the emulated istgt");
    }

    /** Carries out an event given as text, e.g. {@code vol1 io-rate 10} (see docs/emulator.md). */
    void apply(String event) {
        emulator().apply(event);
    }

    /** Stops the emulator; a test may then start another on the same socket. */
    void stop() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stop();
    }
}
