package io.istgt.telemetry.schemas.serde;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of {@link AvroSerializer} / {@link AvroDeserializer}, under the key names Confluent's serde uses so
 * existing client configs carry over. Each key is declared once below with its type, default and doc.
 */
public final class AvroSerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String AUTO_REGISTER_COMPATIBILITY = "auto.register.compatibility";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
    public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String BEARER_AUTH_CREDENTIALS_SOURCE = "bearer.auth.credentials.source";
    public static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
    public static final String SSL_TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String SSL_TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String SSL_TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String SSL_KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String SSL_KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String SSL_KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
    public static final String SSL_KEY_PASSWORD = "schema.registry.ssl.key.password";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

    private static final String STATIC_TOKEN = "STATIC_TOKEN";
    private static final Pattern URL_USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^@/?#]*)@");

    private static final List<String> COMPATIBILITY_CHOICES = Arrays.stream(Compatibility.values())
            .map(Enum::name).toList();

    static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, List.of(), Importance.HIGH,
                    "Comma-separated base URLs of the schema registry's Confluent API, tried in order while"
                    + " unreachable (e.g. http://registry:8081, or Apicurio's http://host:8080/apis/ccompat/v7)."
                    + " mock://<scope> selects an in-memory registry shared by that scope. Required unless a client"
                    + " is passed to the serde's constructor.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Serializer: register the record's schema under <topic>-key / <topic>-value if missing. When"
                    + " false the schema must already be registered, else SchemaNotFoundException.")
            .define(AUTO_REGISTER_COMPATIBILITY, Type.STRING, "BACKWARD",
                    ConfigDef.ValidString.in(concat(COMPATIBILITY_CHOICES, "")), Importance.MEDIUM,
                    "Serializer with auto-registration: compatibility rule set on a subject (PUT /config/<subject>)"
                    + " before the first schema is registered under it, so the registry refuses incompatible"
                    + " versions. Empty leaves the subject's rule as the registry has it.")
            .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, true, Importance.MEDIUM,
                    "Deserializer: true returns generated SpecificRecord classes (the type configured below, or the"
                    + " class named like the writer schema); false returns GenericRecord in the writer schema."
                    + " Unlike Confluent's serde the default is true: this project's consumers use generated classes.")
            .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, Importance.LOW,
                    "Deserializer for keys: generated class whose schema is the reader schema (writer data is"
                    + " resolved to it). Default: the class named like the writer schema.")
            .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, Importance.LOW,
                    "Deserializer for values: like specific.avro.key.type.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "USER_INFO",
                    ConfigDef.ValidString.in("USER_INFO", "URL"), Importance.MEDIUM,
                    "Where basic-auth credentials come from: USER_INFO (basic.auth.user.info) or URL (the user info"
                    + " part of schema.registry.url, http://user:password@host).")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "Basic-auth credentials as user:password; default none. ${file:...} reads them from a file.")
            .define(BEARER_AUTH_CREDENTIALS_SOURCE, Type.STRING, STATIC_TOKEN,
                    ConfigDef.CaseInsensitiveValidString.in(STATIC_TOKEN), Importance.LOW,
                    "Where the bearer token comes from: STATIC_TOKEN (bearer.auth.token), the only source supported.")
            .define(BEARER_AUTH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                    "Bearer token sent as Authorization: Bearer <token>; default none. Excludes basic auth. A token"
                    + " that expires is read again only at restart: give it through ${file:...} and restart on"
                    + " rotation.")
            .define(SSL_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                    "Truststore with the registry's CA for https: a PKCS12 or JKS store, or a PEM file of CA"
                    + " certificates (schema.registry.ssl.truststore.type=PEM); default the JVM's trusted CAs.")
            .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
                    "Truststore password (PKCS12, JKS; none for PEM).")
            .define(SSL_TRUSTSTORE_TYPE, Type.STRING, "PKCS12",
                    ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS", TlsSettings.PEM), Importance.LOW,
                    "Truststore type: PKCS12, JKS or PEM.")
            .define(SSL_KEYSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
                    "Keystore with the client certificate, for registries requiring mutual TLS; default none.")
            .define(SSL_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM, "Keystore password.")
            .define(SSL_KEYSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.CaseInsensitiveValidString.in("PKCS12", "JKS"),
                    Importance.LOW, "Keystore type: PKCS12 or JKS.")
            .define(SSL_KEY_PASSWORD, Type.PASSWORD, null, Importance.LOW,
                    "Password of the private key in the keystore; default the keystore password.")
            .define(CONNECT_TIMEOUT_MS, Type.INT, 5_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Time to connect to the registry before it counts as unreachable (retriable error).")
            .define(REQUEST_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Time for one registry request before it counts as unreachable (retriable error).");

    public AvroSerdeConfig(Map<String, ?> settings) {
        // Not logged: AbstractConfig would print schema.registry.url as given, user:password@ included.
        super(DEFINITION, settings, false);
    }

    /** Every key with its doc and default, e.g. for a --help listing. */
    public static ConfigDef definition() {
        return DEFINITION;
    }

    /** The registry client these settings describe: in-memory for mock://, else HTTP. */
    public SchemaRegistryClient createClient() {
        List<String> urls = getList(SCHEMA_REGISTRY_URL);
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls, "missing: the serde needs the schema registry's URL");
        }
        if (urls.getFirst().startsWith(InMemorySchemaRegistryClient.MOCK_SCHEME)) {
            return InMemorySchemaRegistryClient.forScope(
                    urls.getFirst().substring(InMemorySchemaRegistryClient.MOCK_SCHEME.length()));
        }
        List<String> plainUrls = urls.stream().map(AvroSerdeConfig::withoutUserInfo).toList();
        HttpSchemaRegistryClient.Builder builder = HttpSchemaRegistryClient.builder()
                .connectTimeout(Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS)))
                .requestTimeout(Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS)))
                .urls(plainUrls);
        credentials(urls.getFirst()).ifPresent(builder::credentials);
        TlsSettings tls = new TlsSettings(
                Optional.ofNullable(getString(SSL_TRUSTSTORE_LOCATION)).map(Path::of), password(SSL_TRUSTSTORE_PASSWORD),
                getString(SSL_TRUSTSTORE_TYPE),
                Optional.ofNullable(getString(SSL_KEYSTORE_LOCATION)).map(Path::of), password(SSL_KEYSTORE_PASSWORD),
                getString(SSL_KEYSTORE_TYPE), password(SSL_KEY_PASSWORD));
        if (!tls.isEmpty()) {
            builder.sslContext(tls.sslContext());
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, plainUrls, e.getMessage());
        }
    }

    /**
     * Basic auth (from basic.auth.user.info or the URL) or a bearer token, at most one: a request carries one
     * Authorization header. Fails naming the keys, never showing a value.
     */
    private Optional<RegistryCredentials> credentials(String firstUrl) {
        boolean fromUrl = "URL".equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE));
        String basicSetting = fromUrl
                ? "the user:password in " + SCHEMA_REGISTRY_URL + " (" + BASIC_AUTH_CREDENTIALS_SOURCE + "=URL)"
                : BASIC_AUTH_USER_INFO;
        String userInfo = fromUrl ? userInfoOf(firstUrl) : password(BASIC_AUTH_USER_INFO);
        boolean basic = userInfo != null && !userInfo.isEmpty();
        String token = password(BEARER_AUTH_TOKEN);
        if (token != null && !token.isBlank()) {
            if (basic) {
                throw new ConfigException("both " + BEARER_AUTH_TOKEN + " and basic-auth credentials (" + basicSetting
                        + ") are set, but a request carries one Authorization header: keep one of them");
            }
            return Optional.of(new RegistryCredentials.Bearer(token.strip()));
        }
        if (originals().containsKey(BEARER_AUTH_CREDENTIALS_SOURCE)) {
            throw new ConfigException(BEARER_AUTH_CREDENTIALS_SOURCE + " is " + getString(BEARER_AUTH_CREDENTIALS_SOURCE)
                    + " but " + BEARER_AUTH_TOKEN + " is not set: set the token, or remove "
                    + BEARER_AUTH_CREDENTIALS_SOURCE);
        }
        if (!basic) {
            return Optional.empty();
        }
        try {
            return Optional.of(RegistryCredentials.Basic.parse(userInfo, basicSetting));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    boolean autoRegister() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    Optional<Compatibility> autoRegisterCompatibility() {
        String value = getString(AUTO_REGISTER_COMPATIBILITY);
        return value.isEmpty() ? Optional.empty() : Optional.of(Compatibility.valueOf(value));
    }

    boolean specificReader() {
        return getBoolean(SPECIFIC_AVRO_READER);
    }

    Optional<Class<?>> specificType(boolean isKey) {
        return Optional.ofNullable(getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE : SPECIFIC_AVRO_VALUE_TYPE));
    }

    private String password(String key) {
        Password password = getPassword(key);
        return password == null ? null : password.value();
    }

    /** The URL without its {@code user:password@}: what requests go to, and what messages may show. */
    static String withoutUserInfo(String url) {
        return URL_USER_INFO.matcher(url.strip()).replaceFirst("$1");
    }

    /** The decoded {@code user:password} of a URL, or null; an unparsable URL fails without showing the password. */
    private static String userInfoOf(String url) {
        try {
            return new URI(url.strip()).getUserInfo();
        } catch (URISyntaxException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, withoutUserInfo(url), "not a valid URL (" + e.getReason()
                    + "); characters such as @ : / in the user or password must be percent-encoded");
        }
    }

    private static String[] concat(List<String> values, String extra) {
        String[] all = values.toArray(new String[values.size() + 1]);
        all[values.size()] = extra;
        return all;
    }
}
