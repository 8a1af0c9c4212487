package io.istgt.telemetry.forwarder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL with placeholders filled from an alert's labels, e.g.
 * {@code https://grafana.example/d/istgt?var-volume={volume}} or {@code https://wiki.example/runbooks/{alertname}}.
 *
 * <p>The known placeholders are {@value #PLACEHOLDER_LIST}; a value is percent-encoded (an IQN's ':' becomes %3A), an
 * absent one ({replica_id} of a volume alert) is empty. An unknown placeholder fails at start, naming it, rather
 * than reaching a person as a broken link.
 */
record UrlTemplate(String template) {

    static final String PLACEHOLDER_LIST = "{alertname} {severity} {iqn} {volume} {replica_id} {kind}";
    static final Set<String> PLACEHOLDERS = Set.of("alertname", "severity", "iqn", "volume", "replica_id", "kind");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    UrlTemplate {
        Objects.requireNonNull(template, "template");
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("unknown placeholder {" + m.group(1) + "} in '" + template
                        + "': the known ones are " + PLACEHOLDER_LIST);
            }
        }
    }

    boolean isEmpty() {
        return template.isBlank();
    }

    /** The URL for an alert whose placeholder values are {@code values} (absent keys count as empty). */
    String fill(Map<String, String> values) {
        return PLACEHOLDER.matcher(template).replaceAll(m -> Matcher.quoteReplacement(
                URLEncoder.encode(values.getOrDefault(m.group(1), ""), StandardCharsets.UTF_8).replace("+", "%20")));
    }
}
