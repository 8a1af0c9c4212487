package io.istgt.telemetry.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.InterruptException;

/**
 * One HTTP/1.1 exchange with a registry URL, on the JDK's {@link HttpURLConnection} (in {@code java.base}).
 *
 * <p>Not {@code java.net.http.HttpClient}: that client loads about 380 classes of its own and builds the default
 * {@code SSLContext} (the TLS stack and the cacerts trust store, about 500 more classes and their heap) when it is
 * created, even for an {@code http://} registry; in a sidecar collector that was about a tenth of its memory. Here
 * TLS is set up only when a URL is {@code https://}: with the configured context, else the JVM's default.
 *
 * <p>The whole exchange (connect, request, headers, body) is bounded by the request timeout: it runs on a virtual
 * thread and the caller waits for it at most that long, then interrupts it, so a registry that stalls or trickles
 * mid-answer cannot block a producer or a consumer. Interrupting a virtual thread blocked on a socket closes the
 * socket (JEP 444), so the abandoned exchange ends then too. Not {@code disconnect()} from the caller: it closes the
 * body's stream under the lock the blocked read holds, and would wait as long as that read. Interrupting the caller
 * abandons the exchange the same way.
 */
final class RegistryTransport {

    /** A complete answer: any status, the body as text (empty when there was none). */
    record Reply(int status, String body) {
    }

    private final Optional<SSLContext> ssl;
    private final Duration connectTimeout;
    private final Duration requestTimeout;

    RegistryTransport(Optional<SSLContext> ssl, Duration connectTimeout, Duration requestTimeout) {
        this.ssl = ssl;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * @param body the request body, or null for none
     * @throws SchemaRegistryUnavailableException unreachable, or no complete answer within the request timeout
     * @throws InterruptException                 the calling thread was interrupted
     */
    Reply exchange(String method, String url, Map<String, String> headers, byte[] body) {
        HttpURLConnection connection = open(url);
        FutureTask<Reply> exchange = new FutureTask<>(() -> send(connection, method, headers, body));
        Thread.ofVirtual().name("schema-registry-exchange").start(exchange);
        try {
            return exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new SchemaRegistryUnavailableException("schema registry at " + url + " did not answer " + method
                    + " within " + requestTimeout.toMillis() + " ms; retriable", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SocketTimeoutException timeout) {
                // The read's own bound is the same request timeout; on a busy machine it may fire before the
                // wait above does: one message for both.
                throw new SchemaRegistryUnavailableException("schema registry at " + url + " did not answer " + method
                        + " within " + requestTimeout.toMillis() + " ms; retriable", timeout);
            }
            if (cause instanceof SSLHandshakeException handshake && rejectedCertificate(handshake) != null) {
                throw untrusted(url, rejectedCertificate(handshake));
            }
            if (cause instanceof IOException io) {
                throw new SchemaRegistryUnavailableException("schema registry at " + url + " is unreachable ("
                        + describe(io) + "); retriable", io);
            }
            throw new SchemaRegistryUnavailableException("schema registry at " + url + " is unreachable (" + cause
                    + "); retriable", cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptException("interrupted during " + method + " " + url, e);
        }
    }

    private HttpURLConnection open(String url) {
        HttpURLConnection connection;
        try {
            // No proxy, as with the JDK HttpClient the client used before (it had no ProxySelector set).
            connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        } catch (IOException | IllegalArgumentException e) {
            throw new SchemaRegistryException("invalid schema registry URL " + url + ": " + e.getMessage(), e);
        }
        if (connection instanceof HttpsURLConnection https && ssl.isPresent()) {
            https.setSSLSocketFactory(ssl.get().getSocketFactory());
        }
        connection.setConnectTimeout(millis(connectTimeout));
        // A second bound on each read, should the interrupt not reach a read (it does on the JDKs this runs on).
        connection.setReadTimeout(millis(requestTimeout));
        connection.setUseCaches(false);
        // Redirects are followed within a scheme only (HttpURLConnection never switches between http and https):
        // the old client's NORMAL policy also followed http to https, which no registry setup here relies on.
        connection.setInstanceFollowRedirects(true);
        return connection;
    }

    private static Reply send(HttpURLConnection connection, String method, Map<String, String> headers, byte[] body)
            throws IOException {
        connection.setRequestMethod(method);
        headers.forEach(connection::setRequestProperty);
        if (body != null) {
            // Not streaming mode: buffered, the connection sends a Content-Length and can still read a 401's body.
            connection.setDoOutput(true);
            connection.getOutputStream().write(body);
        }
        int status = connection.getResponseCode();
        // A 4xx/5xx body comes from the error stream; reading it to the end lets the connection be kept alive.
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            return new Reply(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /**
     * The registry's certificate was checked and rejected (unknown CA, expired, another host's name): a setting to fix,
     * not an outage, so not retriable, unlike a handshake cut short by the network.
     */
    private static SchemaRegistryException untrusted(String url, CertificateException rejected) {
        return new SchemaRegistryException("schema registry at " + url + " presented a certificate this client"
                + " rejects (" + rejected.getMessage() + "): its CA must be in " + AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION
                + " (a PKCS12 or JKS store, or a PEM file with " + AvroSerdeConfig.SSL_TRUSTSTORE_TYPE + "=PEM; default"
                + " the JVM's CAs), and the certificate must name the URL's host; not retriable", rejected);
    }

    private static CertificateException rejectedCertificate(SSLHandshakeException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException certificate) {
                return certificate;
            }
        }
        return null;
    }

    /** HttpURLConnection takes an int of milliseconds, where 0 means forever: a longer timeout is capped. */
    private static int millis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** The JDK often throws a bare ConnectException with no message: name the likely cause instead. */
    private static String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }
}
