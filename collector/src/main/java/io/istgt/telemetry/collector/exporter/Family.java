package io.istgt.telemetry.collector.exporter;

import java.util.Objects;

/**
 * One metric family the endpoint renders, declared once with its type and help.
 *
 * @param name the name as Prometheus stores it, except that a counter's is without its {@code _total}, which the
 *             client adds (its naming rules refuse {@code _total} in a name given to it), and an info's without
 *             its {@code _info}
 */
record Family(String name, Type type, String help) {

    enum Type { GAUGE, COUNTER, INFO }

    Family {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
    }

    static Family gauge(String name, String help) {
        return new Family(name, Type.GAUGE, help);
    }

    /** {@code name} given with its {@code _total}, as it is scraped. */
    static Family counter(String name, String help) {
        if (!name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends with _total: " + name);
        }
        return new Family(name.substring(0, name.length() - "_total".length()), Type.COUNTER, help);
    }

    /** {@code name} given with its {@code _info}, as it is scraped. */
    static Family info(String name, String help) {
        if (!name.endsWith("_info")) {
            throw new IllegalArgumentException("an info metric's name ends with _info: " + name);
        }
        return new Family(name.substring(0, name.length() - "_info".length()), Type.INFO, help);
    }

    /** The name Prometheus stores the samples under. */
    String scrapedName() {
        return switch (type) {
            case GAUGE -> name;
            case COUNTER -> name + "_total";
            case INFO -> name + "_info";
        };
    }
}
