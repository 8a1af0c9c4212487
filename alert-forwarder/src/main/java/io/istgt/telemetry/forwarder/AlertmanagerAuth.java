package io.istgt.telemetry.forwarder;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** How a request to Alertmanager authenticates: a reverse proxy in front of it checks the header. */
sealed interface AlertmanagerAuth {

    /** The {@code Authorization} header's value, if any. Never logged. */
    Optional<String> header();

    record None() implements AlertmanagerAuth {
        @Override
        public Optional<String> header() {
            return Optional.empty();
        }
    }

    record Basic(String user, String password) implements AlertmanagerAuth {
        public Basic {
            if (user == null || user.isEmpty() || user.contains(":")) {
                throw new IllegalArgumentException("basic auth needs a user name without ':'");
            }
            if (password == null) {
                throw new IllegalArgumentException("basic auth for user '" + user + "' needs a password");
            }
        }

        @Override
        public Optional<String> header() {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() {
            return "Basic[user=" + user + ", password=(hidden)]";
        }
    }

    record Bearer(String token) implements AlertmanagerAuth {
        public Bearer {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the bearer token is empty");
            }
        }

        @Override
        public Optional<String> header() {
            return Optional.of("Bearer " + token);
        }

        @Override
        public String toString() {
            return "Bearer[(hidden)]";
        }
    }
}
