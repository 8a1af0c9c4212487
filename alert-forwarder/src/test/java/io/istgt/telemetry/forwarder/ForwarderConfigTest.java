package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwarderConfigTest {

    @TempDir
    Path dir;

    private static Map<String, Object> minimal() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ForwarderConfig.ALERTMANAGER_URLS, "http://am-0:9093, http://am-1:9093");
        return settings;
    }

    @Test
    void shouldTakeSeveralAlertmanagersAndDeriveTheValidityFromTheResendInterval() {
        Map<String, Object> settings = minimal();
        settings.put(ForwarderConfig.RESEND_INTERVAL_MS, "15000");

        ForwarderConfig config = new ForwarderConfig(settings);

        assertThat(config.urls()).extracting(Object::toString).containsExactly("http://am-0:9093", "http://am-1:9093");
        assertThat(config.sendSettings().validity()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.sendSettings().batchSize()).isEqualTo(64);
        assertThat(config.groupId()).isEqualTo("istgt-alert-forwarder");
    }

    @Test
    void shouldRequireAnAlertmanager() {
        assertThatThrownBy(() -> new ForwarderConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alertmanager.urls").hasMessageContaining("--alertmanager-url");
    }

    @Test
    void shouldRefuseCredentialsInTheUrlWithoutShowingThem() {
        Map<String, Object> settings = minimal();
        settings.put(ForwarderConfig.ALERTMANAGER_URLS, "http://user:hunter2@am:9093");

        assertThatThrownBy(() -> new ForwarderConfig(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("http://am:9093").hasMessageNotContaining("hunter2");
    }

    @Test
    void shouldRefuseBasicAuthAndBearerTogether() {
        Map<String, Object> settings = minimal();
        settings.put(ForwarderConfig.BASIC_AUTH_USER, "forwarder");
        settings.put(ForwarderConfig.BASIC_AUTH_PASSWORD_FILE, "/x");
        settings.put(ForwarderConfig.BEARER_TOKEN_FILE, "/y");

        assertThatThrownBy(() -> new ForwarderConfig(settings)).hasMessage("both alertmanager.bearer.token.file and"
                + " alertmanager.basic.auth.user are set, but a request carries one Authorization header: keep one"
                + " of them");
    }

    @Test
    void shouldReadThePasswordFromItsFile() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "s3cret\n");
        Map<String, Object> settings = minimal();
        settings.put(ForwarderConfig.BASIC_AUTH_USER, "forwarder");
        settings.put(ForwarderConfig.BASIC_AUTH_PASSWORD_FILE, password.toString());

        AlertmanagerAuth auth = new ForwarderConfig(settings).auth();

        assertThat(auth).isEqualTo(new AlertmanagerAuth.Basic("forwarder", "s3cret"));
        assertThat(auth.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldParseStaticLabelsAndRefuseABadOne() {
        Map<String, Object> settings = minimal();
        settings.put(ForwarderConfig.STATIC_LABELS, "cluster=eu-1,env=prod");
        assertThat(new ForwarderConfig(settings).mapping()).isNotNull();

        settings.put(ForwarderConfig.STATIC_LABELS, "cluster");
        assertThatThrownBy(() -> new ForwarderConfig(settings)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("labels").hasMessageContaining("name=value");
    }

    @Test
    void shouldMaskSecretsWhenPrinting() {
        Map<String, Object> settings = minimal();
        settings.put("sasl.jaas.config", "... password=\"x\"");
        settings.put("ssl.truststore.password", "x");
        settings.put(ForwarderConfig.BASIC_AUTH_PASSWORD_FILE, "/run/secrets/am");

        Map<String, String> shown = ForwarderConfig.masked(settings);

        assertThat(shown).containsEntry("sasl.jaas.config", "(hidden)").containsEntry("ssl.truststore.password",
                "(hidden)").containsEntry(ForwarderConfig.BASIC_AUTH_PASSWORD_FILE, "/run/secrets/am");
    }
}
