package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.schemas.VolumeKey;
import io.istgt.telemetry.testsupport.TestCertificates;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's security settings: a bearer token, basic auth, a CA as PEM or a trust store, and the errors that
 * name the key to fix without ever showing a secret.
 */
class RegistrySecuritySettingsTest {

    private static final Schema KEY = VolumeKey.getClassSchema();
    private static final String PASSWORD = "pw-5ecret-basic";
    private static final String TOKEN = "tok-5ecret-bearer";

    @Test
    void shouldSendTheBearerTokenAsAuthorizationHeader() {
        try (StubRegistry stub = StubRegistry.http(200, "{\"id\":3}");
             SchemaRegistryClient client = config(stub.url(), AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE,
                     "STATIC_TOKEN", AvroSerdeConfig.BEARER_AUTH_TOKEN, TOKEN).createClient()) {

            assertThat(client.register("t-key", KEY)).isEqualTo(3);

            assertThat(stub.requests()).extracting(StubRegistry.Request::authorization)
                    .containsExactly("Bearer " + TOKEN);
        }
    }

    @Test
    void shouldNameTheTokenSettingWhenTheRegistryRefusesTheToken() {
        try (StubRegistry stub = StubRegistry.http(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
             SchemaRegistryClient client = config(stub.url(), AvroSerdeConfig.BEARER_AUTH_TOKEN, TOKEN).createClient()) {

            assertThatThrownBy(() -> client.register("t-key", KEY))
                    .isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessageEndingWith("(the registry refused the bearer token (expired, revoked or mistyped?):"
                            + " check bearer.auth.token)")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(TOKEN));
        }
    }

    @Test
    void shouldNameTheUserAndTheSettingButNotThePasswordWhenTheRegistryRefusesBasicAuth() {
        try (StubRegistry stub = StubRegistry.http(401, "<html><head><title>401 Authorization Required</title></head>"
                + "<body>nginx</body></html>");
             SchemaRegistryClient client = config(stub.url(), AvroSerdeConfig.BASIC_AUTH_USER_INFO,
                     "collector:" + PASSWORD).createClient()) {

            assertThatThrownBy(() -> client.schemaById(1))
                    .isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessage("schema registry refused to fetch schema id 1: HTTP 401 (error_code 401) from "
                            + stub.url() + "/schemas/ids/1: 401 Authorization Required (the registry refused user"
                            + " collector or its password: check basic.auth.user.info)")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
        }
    }

    @Test
    void shouldTakeBasicAuthFromTheUrlAndNeverShowItsPassword() {
        try (StubRegistry stub = StubRegistry.http(401, "Unauthorized")) {
            String url = stub.url().replace("http://", "http://collector:" + PASSWORD + "@");
            try (SchemaRegistryClient client = config(url, AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL")
                    .createClient()) {

                assertThatThrownBy(() -> client.schemaById(1))
                        .hasMessageStartingWith("schema registry refused to fetch schema id 1: HTTP 401 (error_code 401)"
                                + " from " + stub.url() + "/schemas/ids/1")
                        .hasMessageEndingWith("check the user:password in schema.registry.url"
                                + " (basic.auth.credentials.source=URL))")
                        .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
                assertThat(stub.requests()).extracting(StubRegistry.Request::authorization).containsExactly("Basic "
                        + java.util.Base64.getEncoder().encodeToString(("collector:" + PASSWORD)
                                .getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void shouldRefuseBothBasicAuthAndABearerTokenNamingBoth() {
        assertThatThrownBy(() -> config("http://127.0.0.1:1", AvroSerdeConfig.BASIC_AUTH_USER_INFO, "u:" + PASSWORD,
                AvroSerdeConfig.BEARER_AUTH_TOKEN, TOKEN).createClient())
                .isInstanceOf(ConfigException.class)
                .hasMessage("both bearer.auth.token and basic-auth credentials (basic.auth.user.info) are set, but a"
                        + " request carries one Authorization header: keep one of them")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD).doesNotContain(TOKEN));
    }

    @Test
    void shouldRefuseAStaticTokenSourceWithoutAToken() {
        assertThatThrownBy(() -> config("http://127.0.0.1:1", AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE,
                "STATIC_TOKEN").createClient())
                .isInstanceOf(ConfigException.class)
                .hasMessage("bearer.auth.credentials.source is STATIC_TOKEN but bearer.auth.token is not set: set the"
                        + " token, or remove bearer.auth.credentials.source");
    }

    @Test
    void shouldRefuseAnUnsupportedBearerSourceNamingTheKey() {
        assertThatThrownBy(() -> config("http://127.0.0.1:1", AvroSerdeConfig.BEARER_AUTH_CREDENTIALS_SOURCE,
                "OAUTHBEARER"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bearer.auth.credentials.source")
                .hasMessageContaining("STATIC_TOKEN");
    }

    @Test
    void shouldRefuseUserInfoWithoutAColonWithoutShowingIt() {
        assertThatThrownBy(() -> config("http://127.0.0.1:1", AvroSerdeConfig.BASIC_AUTH_USER_INFO, PASSWORD)
                .createClient())
                .isInstanceOf(ConfigException.class)
                .hasMessage("basic.auth.user.info must be user:password (a user name, a colon, the password)")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
    }

    @Test
    void shouldNotShowTheUrlsPasswordWhenTheUrlIsRefused() {
        assertThatThrownBy(() -> config("ftp://collector:" + PASSWORD + "@registry:8081").createClient())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url")
                .hasMessageContaining("ftp://registry:8081")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
    }

    @Test
    void shouldTrustARegistrySignedByACaGivenAsPem(@TempDir Path dir) throws Exception {
        TestCertificates ca = TestCertificates.authority(dir);
        try (StubRegistry stub = StubRegistry.https(serverContext(ca, "registry"), 200, "{\"id\":5}");
             SchemaRegistryClient client = config(stub.url(),
                     AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, ca.caPem().toString(),
                     AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM").createClient()) {

            assertThat(client.register("t-key", KEY)).isEqualTo(5);
        }
    }

    @Test
    void shouldTakeAnEmptyPasswordForAPemTruststoreAsNone(@TempDir Path dir) throws Exception {
        // A Helm chart or a ConfigMap often renders an unset value as an empty one.
        TestCertificates ca = TestCertificates.authority(dir);
        try (StubRegistry stub = StubRegistry.https(serverContext(ca, "registry"), 200, "{\"id\":5}");
             SchemaRegistryClient client = config(stub.url(),
                     AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, ca.caPem().toString(),
                     AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM",
                     AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, "").createClient()) {

            assertThat(client.register("t-key", KEY)).isEqualTo(5);
        }
    }

    @Test
    void shouldFailAtOnceNamingTheTruststoreWhenTheRegistrysCertificateIsNotTrusted(@TempDir Path dir)
            throws Exception {
        TestCertificates registryCa = TestCertificates.authority(dir.resolve("registry-ca"));
        TestCertificates otherCa = TestCertificates.authority(dir.resolve("other-ca"));
        try (StubRegistry stub = StubRegistry.https(serverContext(registryCa, "registry"), 200, "{\"id\":5}");
             SchemaRegistryClient client = config(stub.url(),
                     AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, otherCa.caPem().toString(),
                     AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "pem").createClient()) {

            assertThatThrownBy(() -> client.register("t-key", KEY))
                    .isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessageStartingWith("schema registry at " + stub.url() + "/subjects/t-key/versions presented a"
                            + " certificate this client rejects (PKIX path")
                    .hasMessageContaining("its CA must be in schema.registry.ssl.truststore.location")
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).isRetriable()).isFalse());
            assertThat(stub.requests()).isEmpty();
        }
    }

    @Test
    void shouldNameTheTruststoreWhenThePemFileHoldsNoCertificate(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");

        assertThatThrownBy(() -> config("https://127.0.0.1:1", AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
                notPem.toString(), AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM").createClient())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid value " + notPem + " for configuration"
                        + " schema.registry.ssl.truststore.location: ");
    }

    @Test
    void shouldRefuseAPasswordForAPemTruststore(@TempDir Path dir) {
        TestCertificates ca = TestCertificates.authority(dir);

        assertThatThrownBy(() -> config("https://127.0.0.1:1", AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
                ca.caPem().toString(), AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM",
                AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD).createClient())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("schema.registry.ssl.truststore.password is set, but a PEM truststore has no"
                        + " password")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
    }

    @Test
    void shouldNameThePasswordKeyButNotThePasswordWhenTheTruststorePasswordIsWrong(@TempDir Path dir) {
        TestCertificates ca = TestCertificates.authority(dir);

        assertThatThrownBy(() -> config("https://127.0.0.1:1", AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
                ca.trustStore().toString(), AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD).createClient())
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot open schema.registry.ssl.truststore.location " + ca.trustStore() + " as PKCS12:"
                        + " wrong schema.registry.ssl.truststore.password")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
    }

    @Test
    void shouldNameTheTypeKeyForAnUnknownTruststoreType(@TempDir Path dir) {
        TestCertificates ca = TestCertificates.authority(dir);

        assertThatThrownBy(() -> config("https://127.0.0.1:1", AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
                ca.trustStore().toString(), AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PKCS13"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.ssl.truststore.type");
    }

    @Test
    void shouldNameTheLocationKeyForAMissingTruststore(@TempDir Path dir) {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> config("https://127.0.0.1:1", AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
                missing.toString(), AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PEM").createClient())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value " + missing + " for configuration schema.registry.ssl.truststore.location:"
                        + " not a readable file");
    }

    @Test
    void shouldNotShowPasswordsInTheTlsSettingsOrTheCredentials() {
        TlsSettings tls = new TlsSettings(java.util.Optional.of(Path.of("t.p12")), PASSWORD, "PKCS12",
                java.util.Optional.of(Path.of("k.p12")), PASSWORD, "PKCS12", PASSWORD);

        assertThat(tls.toString()).doesNotContain(PASSWORD).contains("t.p12", "k.p12");
        assertThat(RegistryCredentials.Basic.parse("u:" + PASSWORD, "basic.auth.user.info").toString())
                .doesNotContain(PASSWORD);
        assertThat(new RegistryCredentials.Bearer(TOKEN).toString()).doesNotContain(TOKEN);
    }

    private static AvroSerdeConfig config(String url, String... keysAndValues) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, url);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            settings.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new AvroSerdeConfig(settings);
    }

    /** The TLS side of a registry with the key and certificate {@code CN=name} signed by {@code ca}. */
    static SSLContext serverContext(TestCertificates ca, String name) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ca.keyStore(name))) {
            keys.load(in, ca.password().toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, ca.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }
}
