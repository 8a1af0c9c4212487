package io.istgt.telemetry.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What local-services was built with (Maven filters {@code local-services.properties}): where the registry
 * distribution was unpacked, and the classpath of a stand-alone Kafka server. Absolute paths on the machine
 * that built it: the demo and the tests run from that build.
 */
public final class LocalDistribution {

    private static final String RESOURCE = "local-services.properties";
    private static final Properties PROPERTIES = load();

    private LocalDistribution() {
    }

    /** The unpacked Apicurio Registry distribution (the directory holding quarkus-run.jar). */
    public static Path apicurioHome() {
        return requireUnpacked(Path.of(value("apicurio.home")));
    }

    public static String apicurioVersion() {
        return value("apicurio.version");
    }

    public static String kafkaVersion() {
        return value("kafka.version");
    }

    /** The runtime classpath of local-services: kafka_2.13 and everything {@code kafka.Kafka} needs. */
    public static String kafkaServerClasspath() {
        return value("kafka.server.classpath");
    }

    static Path requireUnpacked(Path home) {
        if (!Files.isRegularFile(home.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("Apicurio Registry " + value("apicurio.version")
                    + " is not unpacked at " + home + " (no quarkus-run.jar there): build local-services with Maven"
                    + " (mvn -q -DskipTests package, or mvn -pl <module> -am verify), whose generate-resources phase"
                    + " unpacks it");
        }
        return home;
    }

    private static String value(String key) {
        String value = PROPERTIES.getProperty(key);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("local-services was built without resource filtering: " + key
                    + " is unset in " + RESOURCE + "; build it with Maven (mvn -pl local-services -am verify)");
        }
        return value;
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = LocalDistribution.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " next to " + LocalDistribution.class.getName()
                        + " on the classpath: build local-services with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return properties;
    }
}
