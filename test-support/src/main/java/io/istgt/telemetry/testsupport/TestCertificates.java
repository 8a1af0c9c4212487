package io.istgt.telemetry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time, and the keys and certificates it signs for brokers, registries and
 * clients, written as PKCS12 stores (and the CA as PEM) into a directory of the test's. No private key is ever
 * checked in; each run makes its own, valid for a day.
 *
 * <p>BouncyCastle builds the certificates: the JDK can sign them only through its keytool command (one JVM per
 * step), which would cost seconds per test on a busy machine.
 */
public final class TestCertificates {

    private static final Duration VALIDITY = Duration.ofDays(1);
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Path dir;
    private final String password;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private TestCertificates(Path dir, String password, KeyPair caKeys, X509Certificate caCertificate) {
        this.dir = dir;
        this.password = password;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    /** A new CA ({@code CN=istgt-telemetry test CA}) whose files go into {@code dir}. */
    public static TestCertificates authority(Path dir) {
        try {
            Files.createDirectories(dir);
            byte[] random = new byte[12];
            new SecureRandom().nextBytes(random);
            KeyPair keys = keyPair();
            X500Name name = new X500Name("CN=istgt-telemetry test CA");
            X509v3CertificateBuilder builder = builder(name, name, keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate ca = signBy(builder, keys);
            TestCertificates certificates = new TestCertificates(dir, HexFormat.of().formatHex(random), keys, ca);
            certificates.writeTrustStore();
            Files.writeString(certificates.caPem(), pem(ca), StandardCharsets.US_ASCII);
            return certificates;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test CA into " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the test CA", e);
        }
    }

    /** The password of every store written here (a random one per CA). */
    public String password() {
        return password;
    }

    /** A PKCS12 trust store holding the CA alone. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** The CA's certificate as PEM. */
    public Path caPem() {
        return dir.resolve("ca.pem");
    }

    /**
     * A PKCS12 key store {@code <name>.p12} with a key and a certificate {@code CN=<name>} signed by this CA, valid for
     * 127.0.0.1 and localhost (so it serves a broker or a registry on loopback, or identifies a client). Made on
     * the first call for a name; later calls return the same file.
     */
    public synchronized Path keyStore(String name) {
        Path file = dir.resolve(name + ".p12");
        if (Files.exists(file)) {
            return file;
        }
        try {
            KeyPair keys = keyPair();
            X509v3CertificateBuilder builder = builder(new X500Name("CN=istgt-telemetry test CA"),
                    new X500Name("CN=" + name), keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            X509Certificate certificate = signBy(builder, caKeys);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(name, keys.getPrivate(), password.toCharArray(),
                    new Certificate[] {certificate, caCertificate});
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the key and certificate of " + name, e);
        }
    }

    /** A key and its certificate chain as PEM files, for servers that take PEM (nginx, Quarkus). */
    public record PemKeyPair(Path certificateChain, Path privateKey) {
    }

    /**
     * The key and certificate of {@link #keyStore(String)} as PEM: {@code <name>.crt} (the certificate, then the CA's)
     * and {@code <name>.key} (PKCS#8, unencrypted: a test's key, readable by the test's user only where the file
     * system allows).
     */
    public synchronized PemKeyPair pemKeyPair(String name) {
        Path chain = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore(name))) {
                store.load(in, password.toCharArray());
            }
            StringBuilder certificates = new StringBuilder();
            for (Certificate certificate : store.getCertificateChain(name)) {
                certificates.append(pem((X509Certificate) certificate));
            }
            Files.writeString(chain, certificates, StandardCharsets.US_ASCII);
            byte[] pkcs8 = store.getKey(name, password.toCharArray()).getEncoded();
            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
            return new PemKeyPair(chain, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + chain + " and " + key, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key and certificate of " + name, e);
        }
    }

    private void writeTrustStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", caCertificate);
        try (OutputStream out = Files.newOutputStream(trustStore())) {
            store.store(out, password.toCharArray());
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate signBy(X509v3CertificateBuilder builder, KeyPair signer)
            throws GeneralSecurityException, OperatorCreationException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
