package io.istgt.telemetry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Absolute paths fixed when test-support was built (Maven filters {@code test-support.properties}): where the
 * registry distribution was unpacked and the classpath of a stand-alone Kafka server.
 */
final class BuildPaths {

    private static final String RESOURCE = "test-support.properties";
    private static final Properties PROPERTIES = load();

    private BuildPaths() {
    }

    /** The unpacked Apicurio Registry distribution (the directory holding quarkus-run.jar). */
    static Path apicurioHome() {
        return requireUnpacked(Path.of(value("apicurio.home")));
    }

    static Path requireUnpacked(Path home) {
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("Apicurio Registry " + value("apicurio.version")
                    + " is not unpacked at " + home + " (no quarkus-run.jar there): build with test-support in the Maven"
                    + " reactor (e.g. mvn -pl schemas -am verify), whose generate-resources phase unpacks it");
        }
        return home;
    }

    static String apicurioVersion() {
        return value("apicurio.version");
    }

    /** The runtime classpath of test-support, which holds kafka_2.13 and everything kafka.Kafka needs. */
    static String kafkaServerClasspath() {
        return value("kafka.server.classpath");
    }

    private static String value(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("test-support was built without resource filtering: " + key
                    + " is unset in " + RESOURCE + "; build it with Maven (mvn -pl test-support -am verify)");
        }
        return value;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildPaths.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " next to " + BuildPaths.class.getName()
                        + " on the classpath: build test-support with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties;
    }
}
