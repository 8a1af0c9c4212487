package io.istgt.telemetry.sim.cli;

import io.istgt.telemetry.sim.Emulator;
import io.istgt.telemetry.sim.SimConfig;
import io.istgt.telemetry.sim.admin.AdminServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.istgt.telemetry.options.OtherKeys;
import io.istgt.telemetry.options.ProgramDefaults;
import io.istgt.telemetry.options.ProgramOptions;
import picocli.CommandLine;

import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The istgt-sim program: parses options, starts the emulator (and admin socket), and serves until SIGTERM or
 * Ctrl-C, when a shutdown hook stops everything and removes the socket files.
 */
public final class IstgtSimMain {

    private IstgtSimMain() {
    }

    public static void main(String[] args) {
        // The program's logging setup, named so that it never shadows the configuration of a module that
        // uses this jar in its tests.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "istgt-sim-logback.xml");
        }
        System.exit(commandLine(new IstgtSimCommand(), System.getenv()).execute(args));
    }

    /** Options from the command line, ISTGT_SIM_<OPTION> or the --config file, in that precedence. */
    static ProgramDefaults defaults(Map<String, String> environment) {
        return new ProgramDefaults("SIM", environment, OtherKeys.none());
    }

    static CommandLine commandLine(IstgtSimCommand options, Map<String, String> environment) {
        CommandLine cli = new CommandLine(options);
        cli.registerConverter(java.time.Duration.class, IstgtSimCommand::duration);
        cli.setExecutionStrategy(parsed -> {
            if (CommandLine.printHelpIfRequested(parsed)) {
                return 0;
            }
            try {
                return serve(options);
            } catch (CommandLine.ParameterException e) {
                throw e;
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                // A bad scenario file or an unusable socket path is the user's to fix: say what, no stack trace.
                cli.getErr().println("istgt-sim: " + e.getMessage());
                return 1;
            }
        });
        return ProgramOptions.install(cli, defaults(environment));
    }

    private static int serve(IstgtSimCommand options) {
        Logger log = LoggerFactory.getLogger(IstgtSimMain.class);
        SimConfig config = options.config();
        Emulator emulator = options.start(config);
        AdminServer admin;
        try {
            admin = options.adminSocket == null ? null : AdminServer.start(options.adminSocket, emulator);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("istgt-sim stopping");
            if (admin != null) {
                admin.close();
            }
            emulator.close();
            stopped.countDown();
        }, "istgt-sim shutdown"));
        log.info("istgt-sim serving {}{}", options.socket != null ? options.socket
                        : options.volumes + " volumes under " + options.socketDir,
                admin != null ? ", admin socket " + admin.path() : "");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
