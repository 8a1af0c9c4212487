package io.istgt.telemetry.schemas.serde;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who the client is to the registry: the {@code Authorization} header it sends, and, when the registry refuses
 * it, which setting to check. Never shows the secret: {@code toString} and every hint name the user or the setting
 * only.
 */
sealed interface RegistryCredentials {

    /** The value of the {@code Authorization} header. */
    String authorization();

    /** What a 401 means here: which setting holds the credentials the registry refused. */
    String onUnauthorized();

    /** What a 403 means here: who lacks the permission. */
    String onForbidden();

    /** The hint of a 401 when the client sent no credentials at all. */
    String NONE_ON_UNAUTHORIZED = "the registry wants credentials: set " + AvroSerdeConfig.BASIC_AUTH_USER_INFO
            + " (user:password) or " + AvroSerdeConfig.BEARER_AUTH_TOKEN;

    /**
     * HTTP basic auth.
     *
     * @param setting where the credentials were configured, named in hints
     */
    record Basic(String user, String password, String setting) implements RegistryCredentials {

        /** Splits {@code user:password} at its first colon; fails naming {@code setting}, not the value. */
        static Basic parse(String userInfo, String setting) {
            int colon = userInfo.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(setting + " must be user:password (a user name, a colon, the"
                        + " password)");
            }
            return new Basic(userInfo.substring(0, colon), userInfo.substring(colon + 1), setting);
        }

        @Override
        public String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String onUnauthorized() {
            return "the registry refused user " + user + " or its password: check " + setting;
        }

        @Override
        public String onForbidden() {
            return "user " + user + " (" + setting + ") lacks the permission for this request";
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=(hidden), setting=" + setting + "]";
        }
    }

    /** A static bearer token ({@code bearer.auth.credentials.source=STATIC_TOKEN}). */
    record Bearer(String token) implements RegistryCredentials {

        @Override
        public String authorization() {
            return "Bearer " + token;
        }

        @Override
        public String onUnauthorized() {
            return "the registry refused the bearer token (expired, revoked or mistyped?): check "
                    + AvroSerdeConfig.BEARER_AUTH_TOKEN;
        }

        @Override
        public String onForbidden() {
            return "the bearer token (" + AvroSerdeConfig.BEARER_AUTH_TOKEN + ") lacks the permission for this request";
        }

        @Override
        public String toString() {
            return "Bearer[(hidden)]";
        }
    }
}
