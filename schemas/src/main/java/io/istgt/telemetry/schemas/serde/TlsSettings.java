package io.istgt.telemetry.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for an https registry: a truststore (which registry certificates to trust) and, for mutual TLS,
 * a keystore (the client's certificate). Either may be absent: no truststore means the JVM's default CAs.
 *
 * @param keyPassword password of the private key; null means the keystore password
 */
public record TlsSettings(Optional<Path> truststore, String truststorePassword, String truststoreType,
                          Optional<Path> keystore, String keystorePassword, String keystoreType,
                          String keyPassword) {

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

    public boolean isEmpty() {
        return truststore.isEmpty() && keystore.isEmpty();
    }

    /** Builds the SSL context; fails naming the file that cannot be read. */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory trust = null;
            if (truststore.isPresent()) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(truststore.get(), truststorePassword, truststoreType, "truststore"));
            }
            KeyManagerFactory keys = null;
            if (keystore.isPresent()) {
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                String password = keyPassword != null ? keyPassword : keystorePassword;
                keys.init(load(keystore.get(), keystorePassword, keystoreType, "keystore"), chars(password));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot build a TLS context for the schema registry: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, String password, String type, String what)
            throws GeneralSecurityException {
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("schema registry " + what + " " + path + " is not a readable file");
        }
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, chars(password));
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema registry " + what + " " + path + " as " + type
                    + " (wrong password or type?)", e);
        }
    }

    private static char[] chars(String password) {
        return password == null ? null : password.toCharArray();
    }
}
