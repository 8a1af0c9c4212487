package io.istgt.telemetry.testsupport;

import io.istgt.telemetry.local.LoopbackPorts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Debian's {@code nginx} as a reverse proxy on a free loopback port, in front of an HTTP service (the registry),
 * enforcing basic auth or a bearer token as a registry behind a gateway would: requests without the right
 * {@code Authorization} header get 401 from nginx and never reach the service.
 *
 * <pre>{@code
 * try (NginxProxy proxy = NginxProxy.start(registry.baseUrl(), new NginxProxy.BasicAuth("collector", password), dir)) {
 *     serde.put("schema.registry.url", proxy.url() + "/apis/ccompat/v7");
 * }
 * // or over HTTPS, with a key and certificate of the test's CA:
 * NginxProxy.startHttps(registry.baseUrl(), new NginxProxy.BearerToken(token), ca.pemKeyPair("proxy"), dir);
 * }
 * }</pre>
 *
 * <p>A child process of the test with its own configuration in {@code dir} (pid file, temp paths, access log), in
 * the foreground ({@code daemon off}) and as one process ({@code master_process off}: no workers that would drop
 * to another user and could not read the test's files). Its error log goes to {@link #log()}. Ready means its port
 * answers HTTP; {@link #close()} stops it.
 */
public final class NginxProxy implements AutoCloseable {

    /** What the proxy demands of each request. */
    public sealed interface Guard permits BasicAuth, BearerToken {
    }

    /** {@code Authorization: Basic} with this user and password (the password stored hashed, {SHA}). */
    public record BasicAuth(String user, String password) implements Guard {
        public BasicAuth {
            if (user == null || user.isEmpty() || user.contains(":") || password == null) {
                throw new IllegalArgumentException("basic auth needs a user without ':' and a password");
            }
        }

        @Override
        public String toString() {
            return "BasicAuth[user=" + user + ", password=(hidden)]";
        }
    }

    /** {@code Authorization: Bearer <token>}, compared as a whole. */
    public record BearerToken(String token) implements Guard {
        private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

        public BearerToken {
            // RFC 6750's token characters: also what may go inside the quoted string of nginx's configuration.
            if (token == null || !B64TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException("a bearer token is made of letters, digits and -._~+/ only");
            }
        }

        @Override
        public String toString() {
            return "BearerToken[(hidden)]";
        }
    }

    /** Where Debian installs it; {@code sbin} is not on every user's PATH. */
    private static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final boolean https;
    private final Path log;

    private NginxProxy(Process process, int port, boolean https, Path log) {
        this.process = process;
        this.port = port;
        this.https = https;
        this.log = log;
    }

    /**
     * Starts nginx proxying every path to {@code upstream} (an {@code http://host:port} base URL) behind {@code guard},
     * and waits until it answers.
     *
     * @param dir a directory of the test's for the configuration, logs and temp files
     */
    public static NginxProxy start(String upstream, Guard guard, Path dir) throws IOException, InterruptedException {
        return start(upstream, guard, null, dir);
    }

    /** Like {@link #start(String, Guard, Path)}, serving HTTPS only with {@code serverKey}. */
    public static NginxProxy startHttps(String upstream, Guard guard, TestCertificates.PemKeyPair serverKey, Path dir)
            throws IOException, InterruptedException {
        return start(upstream, guard, Objects.requireNonNull(serverKey, "serverKey"), dir);
    }

    private static NginxProxy start(String upstream, Guard guard, TestCertificates.PemKeyPair tls, Path dir)
            throws IOException, InterruptedException {
        Objects.requireNonNull(guard, "guard");
        URI upstreamUri = URI.create(upstream);
        if (!"http".equals(upstreamUri.getScheme()) || upstreamUri.getPort() < 0) {
            throw new IllegalArgumentException("the upstream must be http://host:port, got " + upstream);
        }
        if (!Files.isExecutable(NGINX)) {
            throw new IllegalStateException(NGINX + " is missing: install Debian's nginx (apt-get install nginx);"
                    + " .ci/run does");
        }
        Path root = Files.createDirectories(dir.toAbsolutePath());
        for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
            Files.createDirectories(root.resolve("temp").resolve(temp));
        }
        int port = LoopbackPorts.free();
        Path conf = root.resolve("nginx.conf");
        Files.writeString(conf, configuration(root, port, tls, upstreamUri, guard), StandardCharsets.UTF_8);
        Path log = root.resolve("nginx.log");
        Process process = new ProcessBuilder(NGINX.toString(), "-p", root + "/", "-c", conf.toString(),
                "-e", "stderr", "-g", "daemon off;")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        NginxProxy proxy = new NginxProxy(process, port, tls != null, log);
        try {
            Await.atMost(START_TIMEOUT).until(proxy::isReady, () -> "nginx on 127.0.0.1:" + port
                    + " is not answering HTTP; its log (" + log + "):\n" + proxy.logText());
        } catch (Exception | AssertionError e) {
            proxy.close();
            if (e instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (e instanceof IOException io) {
                throw io;
            }
            throw e instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("nginx did not start: " + e.getMessage(), e);
        }
        return proxy;
    }

    /** The proxy's base URL, {@code http(s)://127.0.0.1:<port>}: append the upstream's paths to it. */
    public String url() {
        return (https ? "https" : "http") + "://127.0.0.1:" + port;
    }

    /** nginx's own output (error log), to read when a test fails. */
    public Path log() {
        return log;
    }

    /** Stops nginx (SIGTERM, SIGKILL after 10 s). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException("nginx exited with " + process.exitValue() + " before answering; its log ("
                    + log + "):\n" + logText());
        }
        return LoopbackPorts.isListening(port);
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    private static String configuration(Path root, int port, TestCertificates.PemKeyPair tls, URI upstream, Guard guard)
            throws IOException {
        String access = switch (guard) {
            case BasicAuth basic -> {
                Path users = root.resolve("htpasswd");
                Files.writeString(users, basic.user() + ":{SHA}" + sha1Base64(basic.password()) + "\n",
                        StandardCharsets.UTF_8);
                yield "auth_basic \"schema registry\";\n"
                        + "            auth_basic_user_file " + users + ";\n";
            }
            case BearerToken bearer -> "if ($http_authorization != \"Bearer " + bearer.token() + "\") {\n"
                    + "                return 401;\n"
                    + "            }\n";
        };
        Path temp = root.resolve("temp");
        return """
                master_process off;
                pid %1$s/nginx.pid;
                error_log stderr notice;
                events {
                    worker_connections 64;
                }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %2$s/client_body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d%7$s;
                        location / {
                            %4$s
                            # The credentials stop here: the registry behind sees none.
                            proxy_set_header Authorization "";
                            proxy_pass http://%5$s:%6$d;
                        }
                    }
                }
                """.formatted(root, temp, port, access, upstream.getHost(), upstream.getPort(), tls == null ? ""
                        : " ssl;\n            ssl_certificate " + tls.certificateChain().toAbsolutePath()
                        + ";\n            ssl_certificate_key " + tls.privateKey().toAbsolutePath());
    }

    /** nginx's {SHA} scheme: base64 of the password's SHA-1, as {@code htpasswd -s} writes it. */
    private static String sha1Base64(String password) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-1").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}
