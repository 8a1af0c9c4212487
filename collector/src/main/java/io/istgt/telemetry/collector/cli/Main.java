package io.istgt.telemetry.collector.cli;

import java.time.Clock;

/** Entry point of {@code bin/istgt-collector}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(IstgtCollectorCommand.commandLine(Clock.systemUTC(), System.getenv()).execute(args));
    }
}
