package io.istgt.telemetry.options;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The keys a program's {@code --config} file takes besides its options' names. Option names contain dashes and
 * no dots; Kafka, schema registry and analytics keys contain dots, so the two never meet.
 *
 * @param description what they are, for the message refusing a key: "Kafka Streams and client settings (dotted
 *                    keys)"; empty when there are none
 */
public record OtherKeys(Predicate<String> accepts, String description) {

    public OtherKeys {
        Objects.requireNonNull(accepts, "accepts");
        Objects.requireNonNull(description, "description");
    }

    /** Only option names: the demo's and the emulator's files. */
    public static OtherKeys none() {
        return new OtherKeys(key -> false, "");
    }

    /**
     * Every dotted key, and the few undotted ones named (Kafka's {@code acks} and {@code retries} have no dot).
     */
    public static OtherKeys dotted(String description, Set<String> undotted) {
        Set<String> names = Set.copyOf(undotted);
        return new OtherKeys(key -> key.indexOf('.') > 0 || names.contains(key), description);
    }
}
