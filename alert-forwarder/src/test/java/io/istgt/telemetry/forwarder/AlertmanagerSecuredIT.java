package io.istgt.telemetry.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.istgt.telemetry.schemas.AlertKind;
import io.istgt.telemetry.schemas.Severity;
import io.istgt.telemetry.testsupport.AlertmanagerProcess;
import io.istgt.telemetry.testsupport.AlertmanagerWebhook;
import io.istgt.telemetry.testsupport.TestCertificates;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forwarder's way to Alertmanager when it is secured as Alertmanager itself can be ({@code --web.config.file}):
 * HTTPS with the site's own CA, a client certificate required, basic auth. The settings are the program's own keys
 * (CA as PEM, the client certificate as a PKCS12 store, passwords in files), through {@link ForwarderConfig}.
 */
class AlertmanagerSecuredIT {

    @TempDir
    static Path dir;

    private static TestCertificates ca;
    private static AlertmanagerWebhook webhook;
    private static AlertmanagerProcess alertmanager;
    private static final String PASSWORD = "am-s3cret-pw";

    @BeforeAll
    static void start() throws Exception {
        ca = TestCertificates.authority(dir.resolve("ca"));
        webhook = AlertmanagerWebhook.start();
        ForwarderConfig own = config(true, PASSWORD);
        alertmanager = AlertmanagerProcess.startSecured(dir.resolve("am"), AlertmanagerProcess.routeTo(webhook.url(), ""),
                new AlertmanagerProcess.Secured(ca.pemKeyPair("alertmanager"), ca.caPem(), "forwarder", PASSWORD,
                        own.sslContext().orElseThrow()));
    }

    @AfterAll
    static void stop() {
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (webhook != null) {
            webhook.close();
        }
    }

    /** The forwarder's settings: CA file, and the client key store and basic auth when asked, secrets in files. */
    private static ForwarderConfig config(boolean clientCertificate, String password) throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ForwarderConfig.ALERTMANAGER_URLS, "https://127.0.0.1:1");
        settings.put(ForwarderConfig.CA_FILE, ca.caPem().toString());
        if (clientCertificate) {
            settings.put(ForwarderConfig.KEYSTORE_FILE, ca.keyStore("forwarder").toString());
            settings.put(ForwarderConfig.KEYSTORE_PASSWORD_FILE,
                    Files.writeString(dir.resolve("keystore-password"), ca.password() + "\n").toString());
        }
        settings.put(ForwarderConfig.BASIC_AUTH_USER, "forwarder");
        settings.put(ForwarderConfig.BASIC_AUTH_PASSWORD_FILE,
                Files.writeString(Files.createTempFile(dir, "pw", ""), password + "\n").toString());
        return new ForwarderConfig(settings);
    }

    private static AlertmanagerClient client(ForwarderConfig config) {
        return new AlertmanagerClient(URI.create(alertmanager.url()), config.auth(), config.sslContext(),
                Duration.ofSeconds(10));
    }

    private static AlertmanagerAlert alert(String volume) {
        return new AlertMapping(Map.of(), new UrlTemplate(""), new UrlTemplate(""), Duration.ofMinutes(4)).map(
                AlertRecords.firing("iqn.2016-09.com.openebs.cstor:" + volume, null, AlertKind.VOLUME_OFFLINE,
                        Severity.CRITICAL, Instant.now().truncatedTo(ChronoUnit.MILLIS)), Instant.now());
    }

    @Test
    void shouldDeliverOverMutualTlsWithBasicAuth() throws Exception {
        PostOutcome outcome = client(config(true, PASSWORD)).post(List.of(alert("pvc-tls")));

        assertThat(outcome).isEqualTo(new PostOutcome.Accepted());
        assertThat(alertmanager.alerts()).anyMatch(a -> "pvc-tls".equals(a.labels().get("volume")));
    }

    @Test
    void shouldSayTheCredentialsAreRefusedWithoutShowingThem() throws Exception {
        PostOutcome outcome = client(config(true, "wrong-password")).post(List.of(alert("pvc-wrong")));

        assertThat(outcome).isInstanceOfSatisfying(PostOutcome.Failed.class, failed -> assertThat(failed.reason())
                .contains("answered 401", "check the credentials", "user=forwarder")
                .doesNotContain("wrong-password"));
    }

    @Test
    void shouldFailWithoutTheClientCertificate() throws Exception {
        PostOutcome outcome = client(config(false, PASSWORD)).post(List.of(alert("pvc-no-cert")));

        assertThat(outcome).isInstanceOf(PostOutcome.Failed.class);
        assertThat(((PostOutcome.Failed) outcome).reason()).startsWith("cannot reach " + alertmanager.url());
        assertThat(alertmanager.alerts()).noneMatch(a -> "pvc-no-cert".equals(a.labels().get("volume")));
    }
}
