package io.istgt.telemetry.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that started a child with {@link ChildJvm} is killed -9 (no shutdown hook runs): the child stops by
 * itself instead of living on as an orphan holding its ports.
 */
class ParentWatchIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldStopAChildWhoseParentWasKilledMinus9() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Parent.class.getName(), pidFile.toString(),
                dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("parent.log").toFile()).start();
        ProcessHandle child = null;
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) {
                assertThat(parent.isAlive()).as("the parent runs; its output: %s", dir.resolve("parent.log")).isTrue();
                assertThat(System.nanoTime()).as("the child started within %s", WAIT).isLessThan(deadline);
                LockSupport.parkNanos(50_000_000);
            }
            child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).orElseThrow();
            assertThat(child.isAlive()).isTrue();

            parent.destroyForcibly().waitFor();

            child.onExit().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("the orphaned child stopped").isFalse();
            assertThat(Files.readString(dir.resolve("child.log"))).contains("[parent-watch] the process that"
                    + " started this one (pid " + parent.pid() + ") is gone: stopping");
        } finally {
            parent.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }

    /** The parent: starts a child that would run forever, says its pid, waits. */
    public static final class Parent {
        public static void main(String[] args) throws Exception {
            Path dir = Path.of(args[1]);
            ChildJvm child = ChildJvm.start("forever", dir, dir.resolve("child.log"),
                    List.of("-cp", System.getProperty("java.class.path"), Forever.class.getName()));
            Path tmp = dir.resolve("child.pid.tmp");
            Files.writeString(tmp, Long.toString(child.pid()));
            Files.move(tmp, Path.of(args[0]));
            Thread.currentThread().join();
        }
    }

    /** A program that never ends by itself. */
    public static final class Forever {
        public static void main(String[] args) throws InterruptedException {
            Thread.currentThread().join();
        }
    }
}
