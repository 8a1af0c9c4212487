package io.istgt.telemetry.forwarder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/** The TLS context towards Alertmanager: trust a PEM file of CAs, present a client certificate of a PKCS12 store. */
final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @param caKey       the setting that named the CA file, for the error message
     * @param keystoreKey the setting that named the key store, for the error message
     */
    static SSLContext of(Optional<Path> caPem, String caKey, Optional<Path> pkcs12, String keystoreKey,
                         char[] password) {
        try {
            TrustManagerFactory trust = null;
            if (caPem.isPresent()) {
                KeyStore cas = KeyStore.getInstance(KeyStore.getDefaultType());
                cas.load(null, null);
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(caPem.get())) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                } catch (IOException | GeneralSecurityException e) {
                    throw new ConfigException(caKey, caPem.get().toString(), "cannot read PEM certificates: " + e);
                }
                if (certificates.isEmpty()) {
                    throw new ConfigException(caKey, caPem.get().toString(), "holds no PEM certificate");
                }
                int i = 0;
                for (Certificate c : certificates) {
                    cas.setCertificateEntry("ca-" + i++, c);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(cas);
            }
            KeyManagerFactory keys = null;
            if (pkcs12.isPresent()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(pkcs12.get())) {
                    store.load(in, password);
                } catch (IOException | GeneralSecurityException e) {
                    throw new ConfigException(keystoreKey, pkcs12.get().toString(), "cannot open it as a PKCS12"
                            + " key store with the password given: " + e.getMessage());
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the TLS context towards Alertmanager: " + e, e);
        }
    }
}
