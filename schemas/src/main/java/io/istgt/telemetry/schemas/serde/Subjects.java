package io.istgt.telemetry.schemas.serde;

/** TopicNameStrategy: a topic's keys live under the subject {@code <topic>-key}, its values under {@code <topic>-value}. */
public final class Subjects {

    private Subjects() {
    }

    public static String of(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
