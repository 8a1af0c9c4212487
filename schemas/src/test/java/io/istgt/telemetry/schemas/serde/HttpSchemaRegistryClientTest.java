package io.istgt.telemetry.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.istgt.telemetry.schemas.Samples;
import io.istgt.telemetry.schemas.VolumeKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpSchemaRegistryClientTest {

    private static final Schema KEY = VolumeKey.getClassSchema();

    @Test
    void shouldSendBasicAuthFromUserInfoAndCacheTheId() {
        try (StubRegistry stub = StubRegistry.http(200, "{\"id\":7}");
             HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder().urls(List.of(stub.url()))
                     .userInfo("collector:s3cret").build()) {

            assertThat(client.register("t-key", KEY)).isEqualTo(7);
            assertThat(client.register("t-key", KEY)).isEqualTo(7);
            assertThat(client.schemaById(7)).isEqualTo(KEY);

            assertThat(stub.requests()).containsExactly(new StubRegistry.Request("POST", "/subjects/t-key/versions",
                    "Basic Y29sbGVjdG9yOnMzY3JldA=="));
        }
    }

    @Test
    void shouldTakeCredentialsFromTheUrlWhenConfiguredSo() {
        try (StubRegistry stub = StubRegistry.http(200, "{\"id\":3}")) {
            AvroSerializer<VolumeKey> serializer = new AvroSerializer<>();
            serializer.configure(Map.of(
                    AvroSerdeConfig.SCHEMA_REGISTRY_URL, stub.url().replace("http://", "http://collector:s3cret@"),
                    AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL",
                    AvroSerdeConfig.AUTO_REGISTER_COMPATIBILITY, ""), true);

            serializer.serialize("t", Samples.volumeKey());

            assertThat(stub.requests()).extracting(StubRegistry.Request::authorization)
                    .containsExactly("Basic Y29sbGVjdG9yOnMzY3JldA==");
            serializer.close();
        }
    }

    @Test
    void shouldReportAnOverloadedRegistryAsRetriable() {
        try (StubRegistry stub = StubRegistry.http(503, "{\"error_code\":50301,\"message\":\"backend busy\"}");
             HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder().urls(List.of(stub.url())).build()) {

            assertThatThrownBy(() -> client.schemaById(1))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessage("schema registry is unavailable: HTTP 503 (error_code 50301) from " + stub.url()
                            + "/schemas/ids/1: backend busy; retriable")
                    .satisfies(e -> assertThat(((SchemaRegistryException) e).isRetriable()).isTrue());
        }
    }

    @Test
    void shouldGiveUpOnARegistryThatStallsMidAnswerInsteadOfWaitingForever() {
        // The JDK client's request timeout covers only the wait for the headers: the body is bounded separately.
        try (StubRegistry stub = StubRegistry.http(200, "{\"schema\":\"\\\"string\\\"\",\"padding\":\"" + "x".repeat(4000) + "\"}");
             HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder().urls(List.of(stub.url()))
                     .requestTimeout(Duration.ofMillis(500)).build()) {
            stub.stallMidBody();

            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> client.schemaById(7))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessage("schema registry at " + stub.url() + "/schemas/ids/7 did not answer GET within 500 ms;"
                            + " retriable"));
        }
    }

    @Test
    void shouldReportRefusedCredentialsAsNotRetriable() {
        try (StubRegistry stub = StubRegistry.http(401, "Unauthorized");
             HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder().urls(List.of(stub.url())).build()) {

            assertThatThrownBy(() -> client.register("t-key", KEY))
                    .isExactlyInstanceOf(SchemaRegistryException.class)
                    .hasMessage("schema registry refused to register a schema under subject t-key: HTTP 401"
                            + " (error_code 401) from " + stub.url() + "/subjects/t-key/versions: Unauthorized"
                            + " (the registry wants credentials: set basic.auth.user.info (user:password) or"
                            + " bearer.auth.token)");
        }
    }

    @Test
    void shouldFallOverToTheNextUrlWhenTheFirstIsUnreachable() throws IOException {
        String deadUrl = "http://127.0.0.1:" + unusedPort();
        try (StubRegistry stub = StubRegistry.http(200, "{\"schema\":" + quoted(KEY.toString()) + "}");
             HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder()
                     .urls(List.of(deadUrl, stub.url())).build()) {

            assertThat(client.schemaById(5)).isEqualTo(KEY);
        }
    }

    @Test
    void shouldSayWhichUrlIsUnreachableAndThatItIsRetriable() throws IOException {
        String deadUrl = "http://127.0.0.1:" + unusedPort();
        try (HttpSchemaRegistryClient client = HttpSchemaRegistryClient.builder().urls(List.of(deadUrl))
                .connectTimeout(Duration.ofSeconds(2)).build()) {

            assertThatThrownBy(() -> client.schemaById(1))
                    .isInstanceOf(SchemaRegistryUnavailableException.class)
                    .hasMessageStartingWith("schema registry at " + deadUrl + "/schemas/ids/1 is unreachable (")
                    .hasMessageEndingWith("); retriable");
        }
    }

    @Test
    void shouldTrustARegistryCertificateFromTheConfiguredTruststore(@TempDir Path dir) throws Exception {
        Path serverKeys = dir.resolve("server.p12");
        Path truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "registry", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", serverKeys.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        keytool("-exportcert", "-alias", "registry", "-keystore", serverKeys.toString(), "-storepass", "changeit",
                "-file", dir.resolve("registry.crt").toString());
        keytool("-importcert", "-noprompt", "-alias", "registry", "-file", dir.resolve("registry.crt").toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");

        try (StubRegistry stub = StubRegistry.https(serverContext(serverKeys), 200, "{\"id\":1}")) {
            AvroSerializer<VolumeKey> serializer = new AvroSerializer<>();
            serializer.configure(Map.of(
                    AvroSerdeConfig.SCHEMA_REGISTRY_URL, stub.url(),
                    AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, truststore.toString(),
                    AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, "changeit",
                    AvroSerdeConfig.AUTO_REGISTER_COMPATIBILITY, ""), true);

            assertThat(serializer.serialize("t", Samples.volumeKey())).startsWith(0, 0, 0, 0, 1);
            serializer.close();
        }
    }

    private static SSLContext serverContext(Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", command, output).isZero();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String quoted(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
