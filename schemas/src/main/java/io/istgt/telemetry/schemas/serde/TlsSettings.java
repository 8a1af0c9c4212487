package io.istgt.telemetry.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * TLS material for an https registry: a truststore (which registry certificates to trust) and, for mutual TLS,
 * a keystore (the client's certificate). Either may be absent: no truststore means the JVM's default CAs.
 *
 * <p>The truststore may be a PKCS12 or JKS store, or (type {@value #PEM}) a file of PEM certificates, as Kafka's
 * own clients accept: the CA file a Kubernetes Secret or cert-manager mounts, used as it is.
 *
 * <p>Errors are {@link ConfigException}s naming the {@link AvroSerdeConfig} key to fix, never a password.
 *
 * @param keyPassword password of the private key; null means the keystore password
 */
public record TlsSettings(Optional<Path> truststore, String truststorePassword, String truststoreType,
                          Optional<Path> keystore, String keystorePassword, String keystoreType,
                          String keyPassword) {

    /** Truststore type: a file of one or more {@code -----BEGIN CERTIFICATE-----} blocks. */
    public static final String PEM = "PEM";

    public TlsSettings {
        truststore = truststore == null ? Optional.empty() : truststore;
        keystore = keystore == null ? Optional.empty() : keystore;
        truststoreType = truststoreType == null || truststoreType.isBlank() ? "PKCS12" : truststoreType;
        keystoreType = keystoreType == null || keystoreType.isBlank() ? "PKCS12" : keystoreType;
    }

    /** Trust the registry's certificate from {@code truststore}; no client certificate. */
    public static TlsSettings trustOnly(Path truststore, String password, String type) {
        return new TlsSettings(Optional.of(truststore), password, type, Optional.empty(), null, null, null);
    }

    /** Trust the CA certificates of a PEM file; no client certificate. */
    public static TlsSettings trustPem(Path caCertificates) {
        return trustOnly(caCertificates, null, PEM);
    }

    public boolean isEmpty() {
        return truststore.isEmpty() && keystore.isEmpty();
    }

    /**
     * Builds the SSL context.
     *
     * @throws ConfigException naming the setting that is wrong: a file that cannot be read, a wrong type or password
     */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = null;
            if (truststore.isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trustStore(truststore.get()));
            }
            KeyManagerFactory keys = null;
            if (keystore.isPresent()) {
                if (PEM.equalsIgnoreCase(keystoreType)) {
                    throw new ConfigException(AvroSerdeConfig.SSL_KEYSTORE_TYPE, keystoreType,
                            "PEM is accepted for the truststore only; give the client certificate and key as a"
                            + " PKCS12 or JKS keystore");
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String password = keyPassword != null ? keyPassword : keystorePassword;
                KeyStore store = load(keystore.get(), keystorePassword, keystoreType, AvroSerdeConfig.SSL_KEYSTORE_LOCATION,
                        AvroSerdeConfig.SSL_KEYSTORE_PASSWORD, AvroSerdeConfig.SSL_KEYSTORE_TYPE);
                try {
                    keys.init(store, chars(password));
                } catch (UnrecoverableKeyException e) {
                    throw new ConfigException("cannot read the private key in " + AvroSerdeConfig.SSL_KEYSTORE_LOCATION
                            + " " + keystore.get() + ": wrong " + AvroSerdeConfig.SSL_KEY_PASSWORD + " (or, when it"
                            + " is unset, " + AvroSerdeConfig.SSL_KEYSTORE_PASSWORD + ")");
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot build a TLS context for the schema registry: " + e.getMessage());
        }
    }

    /** Without the passwords: a record's own toString would print them. */
    @Override
    public String toString() {
        return "TlsSettings[truststore=" + truststore.map(Path::toString).orElse("(JVM default)") + " ("
                + truststoreType + "), keystore=" + keystore.map(Path::toString).orElse("(none)") + " ("
                + keystoreType + ")]";
    }

    private KeyStore trustStore(Path path) throws GeneralSecurityException {
        if (!PEM.equalsIgnoreCase(truststoreType)) {
            return load(path, truststorePassword, truststoreType, AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION,
                    AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, AvroSerdeConfig.SSL_TRUSTSTORE_TYPE);
        }
        if (truststorePassword != null && !truststorePassword.isEmpty()) {
            // As Kafka's clients do: a PEM file has no password, so one set here means a mix-up of files or types.
            throw new ConfigException(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD
                    + " is set, but a PEM truststore has no password: remove it, or set "
                    + AvroSerdeConfig.SSL_TRUSTSTORE_TYPE + " to the store's type (PKCS12 or JKS)");
        }
        requireReadable(path, AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION);
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(path)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | CertificateException e) {
            throw new ConfigException(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, path.toString(),
                    "cannot read it as PEM certificates (" + AvroSerdeConfig.SSL_TRUSTSTORE_TYPE + "=PEM): "
                    + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new ConfigException(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, path.toString(),
                    "holds no certificate (expected -----BEGIN CERTIFICATE----- blocks, as "
                    + AvroSerdeConfig.SSL_TRUSTSTORE_TYPE + "=PEM says)");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create an empty in-memory key store", e);
        }
        int n = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + n++, certificate);
        }
        return store;
    }

    private static KeyStore load(Path path, String password, String type, String locationKey, String passwordKey,
                                 String typeKey) throws GeneralSecurityException {
        requireReadable(path, locationKey);
        KeyStore store;
        try {
            store = KeyStore.getInstance(type.toUpperCase(Locale.ROOT));
        } catch (KeyStoreException e) {
            throw new ConfigException(typeKey, type, "not a key store type this JVM knows (PKCS12, JKS"
                    + (typeKey.equals(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE) ? " or PEM)" : ")"));
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, chars(password));
            return store;
        } catch (IOException | CertificateException e) {
            boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException;
            throw new ConfigException("cannot open " + locationKey + " " + path + " as " + type + ": "
                    + (wrongPassword ? "wrong " + passwordKey
                            : "not a " + type + " file (check " + typeKey + ") or wrong " + passwordKey));
        }
    }

    private static void requireReadable(Path path, String locationKey) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException(locationKey, path.toString(), "not a readable file");
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
