package io.istgt.telemetry.local;

/**
 * A Java agent that makes a child JVM stop when the JVM that started it is gone, however it went: killed with
 * SIGKILL included, which no shutdown hook of the parent sees. Without it, a demo killed -9 would leave its
 * broker and registry running, holding their ports.
 *
 * <p>Linux has {@code prctl(PR_SET_PDEATHSIG)} for this, but Java cannot call it before a child's main starts,
 * and the children here are other projects' programs (Kafka's {@code kafka.Kafka}, Apicurio's Quarkus runner);
 * a {@code -javaagent} runs in any of them before their main. The agent watches the parent's
 * {@link ProcessHandle} and, when it ends, calls {@link System#exit} so the child's own shutdown hooks (Kafka's
 * controlled shutdown, Quarkus's) still run.
 *
 * <p>{@link ChildJvm} writes the agent jar on first use from this class's own bytes, so it works the same from
 * a jar or from {@code target/classes}. This class must stay self-contained: the jar holds it alone.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    /** Agent entry point; {@code args} is the parent's pid. */
    public static void premain(String args) {
        long parentPid = Long.parseLong(args.trim());
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> stop(parentPid)),
                () -> stop(parentPid));
    }

    private static void stop(long parentPid) {
        System.err.println("[parent-watch] the process that started this one (pid " + parentPid + ") is gone:"
                + " stopping");
        // A thread of its own: System.exit waits for the shutdown hooks, and must not block the thread that
        // completes onExit.
        Thread exit = new Thread(() -> System.exit(0), "parent-gone");
        exit.setDaemon(false);
        exit.start();
    }
}
