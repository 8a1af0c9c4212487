package io.istgt.telemetry.schemas;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;

/**
 * A refusal by Kafka (an ACL missing, credentials or a certificate not accepted) said as what it is, for every
 * program alike: who was refused, what it tried, and what to do. A refusal is not an outage: an SRE who reads
 * "unreachable" goes looking for a network problem.
 *
 * <pre>{@code
 * KafkaRefusal.describe(e, "describe topic istgt.volume.status", KafkaRefusal.principal(clientSettings))
 * // Optional["Kafka refused SASL user 'collector' (SCRAM-SHA-512) to describe topic istgt.volume.status: not
 * //   authorized on topic istgt.volume.status; grant the ACLs docs/security.md lists for this program"]
 * }</pre>
 *
 * <p>Never names a secret: the principal is said by its user name or its key store's path.
 */
public final class KafkaRefusal {

    private static final Pattern JAAS_USER = Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private KafkaRefusal() {
    }

    /** Whether {@code failure} or one of its causes is Kafka refusing this client. */
    public static boolean isRefusal(Throwable failure) {
        return refusal(failure) != null;
    }

    /**
     * The refusal in {@code failure}'s chain of causes, said with the principal and what was refused; empty when
     * the failure is something else (an outage, a timeout).
     *
     * @param attempted what the program tried, e.g. "describe topic istgt.volume.status"
     * @param who       the principal, as {@link #principal(Map)} names it
     */
    public static Optional<String> describe(Throwable failure, String attempted, String who) {
        Throwable refusal = refusal(failure);
        if (refusal == null) {
            return Optional.empty();
        }
        String why = refusal.getMessage() == null ? refusal.getClass().getSimpleName() : refusal.getMessage();
        if (refusal instanceof AuthorizationException) {
            return Optional.of("Kafka refused " + who + " to " + attempted + ": not authorized " + resource(refusal)
                    + " (" + why + "); grant the ACLs docs/security.md lists for this program");
        }
        if (refusal instanceof SslAuthenticationException) {
            return Optional.of("Kafka did not accept the TLS connection of " + who + " to " + attempted + ": " + why
                    + "; check that the broker trusts the client's certificate and the client trusts the broker's"
                    + " (ssl.keystore.location, ssl.truststore.location)");
        }
        return Optional.of("Kafka did not accept the credentials of " + who + " to " + attempted + ": " + why
                + "; check the user and password (sasl.jaas.config) and sasl.mechanism");
    }

    /** The principal as the client settings name it, without any secret. */
    public static String principal(Map<String, ?> clientSettings) {
        String protocol = setting(clientSettings, "security.protocol", "PLAINTEXT");
        if (protocol.startsWith("SASL")) {
            Object jaas = clientSettings.get("sasl.jaas.config");
            Matcher m = JAAS_USER.matcher(jaas == null ? "" : jaas.toString());
            String mechanism = setting(clientSettings, "sasl.mechanism", "GSSAPI");
            return m.find() ? "SASL user '" + m.group(1) + "' (" + mechanism + ")" : "the SASL client (" + mechanism + ")";
        }
        if (protocol.equals("SSL") && clientSettings.get("ssl.keystore.location") != null) {
            return "the client certificate in " + clientSettings.get("ssl.keystore.location");
        }
        return "this client (security.protocol " + protocol + ", no credentials)";
    }

    private static String setting(Map<String, ?> settings, String key, String otherwise) {
        Object value = settings.get(key);
        return value == null ? otherwise : value.toString().strip();
    }

    private static Throwable refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthorizationException || t instanceof AuthenticationException) {
                return t;
            }
        }
        return null;
    }

    private static String resource(Throwable refusal) {
        return switch (refusal) {
            case TopicAuthorizationException t when !t.unauthorizedTopics().isEmpty() ->
                    "on topic " + String.join(", ", t.unauthorizedTopics().stream().sorted().toList());
            case GroupAuthorizationException g when g.groupId() != null -> "on group " + g.groupId();
            case TransactionalIdAuthorizationException t -> "on its transactional id";
            case ClusterAuthorizationException c -> "on the cluster";
            default -> "for it";
        };
    }
}
