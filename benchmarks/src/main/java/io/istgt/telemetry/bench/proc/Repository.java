package io.istgt.telemetry.bench.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where this repository is and its built programs: {@code istgt.bench.repository} (set by bin/istgt-bench), else
 * the directory the benchmarks module was built in.
 */
public final class Repository {

    private Repository() {
    }

    public static Path root() {
        String configured = System.getProperty("istgt.bench.repository");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Properties p = new Properties();
        try (InputStream in = Repository.class.getResourceAsStream("/io/istgt/telemetry/bench/bench.properties")) {
            if (in == null) {
                throw new IllegalStateException("no bench.properties on the classpath: build benchmarks with Maven");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bench.properties", e);
        }
        return Path.of(p.getProperty("repository")).toAbsolutePath().normalize();
    }

    /** The collector's runnable jar (its dependencies in collector/target/lib). */
    public static Path collectorJar() {
        return jar("collector");
    }

    public static Path simJar() {
        return jar("istgt-sim");
    }

    private static Path jar(String module) {
        Path target = root().resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(module + "-") && n.endsWith(".jar") && !n.endsWith("-sources.jar")
                        && !n.endsWith("-tests.jar");
            }).max(Comparator.comparingLong(p -> p.toFile().lastModified())).filter(p ->
                    Files.isDirectory(target.resolve("lib"))).orElseThrow(() -> notBuilt(module));
        } catch (IOException e) {
            throw notBuilt(module);
        }
    }

    private static IllegalStateException notBuilt(String module) {
        return new IllegalStateException(module + " is not built in " + root() + ": run `mvn -B -ntp -pl benchmarks -am"
                + " verify -DskipTests` there");
    }
}
