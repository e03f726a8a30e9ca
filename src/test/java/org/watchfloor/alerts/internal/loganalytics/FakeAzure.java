package org.watchfloor.alerts.internal.loganalytics;

import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Microsoft Entra sign-in and the Log Analytics query API on 127.0.0.1 over HTTPS, with a certificate made by the
 * JDK's keytool for this run. Only the azure-core HTTP client from {@link #httpClient()} trusts it. The query API
 * answers from the shared sample answer, keeping the rows whose {@code TimeGenerated} lies in the requested
 * {@code timespan} as the real service does; replies queued with {@link #enqueue} come first.
 */
final class FakeAzure implements AutoCloseable {

    static final String TENANT = "11111111-2222-3333-4444-555555555555";
    static final String CLIENT_ID = "66666666-7777-8888-9999-000000000000";
    static final String CLIENT_SECRET = "the-right-secret";
    static final String ACCESS_TOKEN = "token-for-log-analytics";
    static final String WORKSPACE = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    private static final String STORE_PASSWORD = "changeit";
    private static final Path SAMPLE_ANSWER = Path.of("..", "shared", "data", "loganalytics-query-response.json");

    /** One request as the server received it; {@code nanos} is {@link System#nanoTime()} at its arrival. */
    record Request(String method, String path, Map<String, String> headers, String body, long nanos) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The {@code timespan} of a query, as start and end. */
        Instant[] timespan() {
            String[] parts = json().path("timespan").asText().split("/");
            return new Instant[] {
                OffsetDateTime.parse(parts[0]).toInstant(), OffsetDateTime.parse(parts[1]).toInstant()};
        }

        Map<String, String> form() {
            return Arrays.stream(body.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                    p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                    p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : ""));
        }
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {

        static Reply json(int status, String body, String... headers) {
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                h.put(headers[i], headers[i + 1]);
            }
            return new Reply(status, h, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final X509Certificate certificate;
    private final JsonNode sampleAnswer;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Reply> queued = new ArrayDeque<>();

    private FakeAzure(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        certificate = (X509Certificate) store.getCertificate("server");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        sampleAnswer = MAPPER.readTree(SAMPLE_ANSWER.toFile());
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeAzure start(Path dir) {
        try {
            return new FakeAzure(dir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the fake Azure endpoints", e);
        }
    }

    String endpoint() {
        return authorityHost() + "/v1";
    }

    String authorityHost() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An azure-core HTTP client that trusts this server's certificate and nothing else. */
    com.azure.core.http.HttpClient httpClient() {
        try {
            SslContext tls = SslContextBuilder.forClient().trustManager(certificate).build();
            return new NettyAsyncHttpClientBuilder(
                    reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(tls))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void enqueue(Reply... replies) {
        queued.addAll(List.of(replies));
    }

    synchronized void reset() {
        queued.clear();
        requests.clear();
    }

    List<Request> queries() {
        return requests.stream().filter(r -> r.path().endsWith("/query")).toList();
    }

    List<Request> tokenRequests() {
        return requests.stream().filter(r -> r.path().endsWith("/oauth2/v2.0/token")).toList();
    }

    /** The latest {@code TimeGenerated} of each alert in the sample answer. */
    Map<String, Instant> latestTimeById() {
        JsonNode table = sampleAnswer.path("tables").get(0);
        int id = column(table, "SystemAlertId");
        int time = column(table, "TimeGenerated");
        Map<String, Instant> latest = new HashMap<>();
        for (JsonNode row : table.path("rows")) {
            latest.merge(row.get(id).asText(), OffsetDateTime.parse(row.get(time).asText()).toInstant(),
                    (a, b) -> a.isAfter(b) ? a : b);
        }
        return latest;
    }

    private static int column(JsonNode table, String name) {
        int index = 0;
        for (JsonNode column : table.path("columns")) {
            if (column.path("name").asText().equals(name)) {
                return index;
            }
            index++;
        }
        throw new IllegalStateException("the sample answer has no column " + name);
    }

    /** The sample answer with only the rows whose {@code TimeGenerated} lies in {@code [from, to)}. */
    String answer(Instant from, Instant to) {
        ObjectNode answer = sampleAnswer.deepCopy();
        ObjectNode table = (ObjectNode) answer.path("tables").get(0);
        int time = column(table, "TimeGenerated");
        ArrayNode kept = MAPPER.createArrayNode();
        for (JsonNode row : table.path("rows")) {
            Instant t = OffsetDateTime.parse(row.get(time).asText()).toInstant();
            if (!t.isBefore(from) && t.isBefore(to)) {
                kept.add(row);
            }
        }
        table.set("rows", kept);
        return answer.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    body, System.nanoTime());
            requests.add(request);
            send(exchange, reply(request));
        } finally {
            exchange.close();
        }
    }

    private Reply reply(Request request) {
        String path = request.path();
        if (path.endsWith("/oauth2/v2.0/token")) {
            return token(request);
        }
        if (path.contains("/.well-known/openid-configuration")) {
            String tenant = path.substring(1, path.indexOf('/', 1));
            String base = authorityHost() + "/" + tenant;
            return Reply.json(200, MAPPER.createObjectNode()
                    .put("token_endpoint", base + "/oauth2/v2.0/token")
                    .put("authorization_endpoint", base + "/oauth2/v2.0/authorize")
                    .put("issuer", base + "/v2.0")
                    .toString());
        }
        if (path.equals("/v1/workspaces/" + WORKSPACE + "/query") && request.method().equals("POST")) {
            if (!("Bearer " + ACCESS_TOKEN).equals(request.headers().get("authorization"))) {
                return Reply.json(401, "{\"error\":{\"code\":\"InvalidTokenError\",\"message\":\"bad token\"}}");
            }
            synchronized (this) {
                if (!queued.isEmpty()) {
                    return queued.poll();
                }
            }
            Instant[] window = request.timespan();
            return Reply.json(200, answer(window[0], window[1]));
        }
        return Reply.json(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"no such path " + path + "\"}}");
    }

    private Reply token(Request request) {
        Map<String, String> form = request.form();
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            ObjectNode error = MAPPER.createObjectNode()
                    .put("error", "invalid_client")
                    .put("error_description", "AADSTS7000215: Invalid client secret provided. Ensure the secret"
                            + " being sent in the request is the client secret value, not the client secret ID.");
            error.putArray("error_codes").add(7000215);
            return Reply.json(401, error.toString());
        }
        return Reply.json(200, MAPPER.createObjectNode()
                .put("token_type", "Bearer")
                .put("expires_in", 3599)
                .put("ext_expires_in", 3599)
                .put("access_token", ACCESS_TOKEN)
                .toString());
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        exchange.getResponseBody().write(reply.body());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
