package dev.foundation.test.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The HTTP side of {@link TestJwtIssuer}: a JDK server on 127.0.0.1 publishing the public
 * keys and an OpenID discovery document, counting JWKS requests and able to simulate an
 * outage.
 */
final class JwksServer implements AutoCloseable {

	static final String JWKS_PATH = "/.well-known/jwks.json";

	static final String SUPABASE_JWKS_PATH = "/auth/v1/.well-known/jwks.json";

	static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

	private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

	private final Supplier<JWKSet> publicKeys;

	private final AtomicInteger jwksRequests = new AtomicInteger();

	private final HttpServer server;

	private final ExecutorService executor;

	private final String baseUrl;

	private volatile boolean jwksAvailable = true;

	private JwksServer(Supplier<JWKSet> publicKeys) throws IOException {
		this.publicKeys = publicKeys;
		// 127.0.0.1 rather than "localhost": no name resolution, no IPv6/IPv4 ambiguity.
		InetAddress loopback = InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
		// Daemon threads so that an issuer a test forgot to close does not keep the JVM
		// alive.
		this.executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "test-jwt-issuer-" + THREAD_NUMBER.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.baseUrl = "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	static JwksServer start(Supplier<JWKSet> publicKeys) throws IOException {
		JwksServer jwksServer = new JwksServer(publicKeys);
		jwksServer.server.start();
		return jwksServer;
	}

	String baseUrl() {
		return this.baseUrl;
	}

	int jwksRequestCount() {
		return this.jwksRequests.get();
	}

	void resetRequestCount() {
		this.jwksRequests.set(0);
	}

	void setJwksAvailable(boolean available) {
		this.jwksAvailable = available;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try {
			String path = exchange.getRequestURI().getPath();
			boolean jwks = JWKS_PATH.equals(path) || SUPABASE_JWKS_PATH.equals(path);
			if (jwks) {
				this.jwksRequests.incrementAndGet();
			}
			if (!"GET".equals(exchange.getRequestMethod())) {
				exchange.getResponseHeaders().set("Allow", "GET");
				exchange.sendResponseHeaders(405, -1);
			}
			else if (jwks) {
				if (this.jwksAvailable) {
					sendJson(exchange, this.publicKeys.get().toString(true));
				}
				else {
					exchange.sendResponseHeaders(503, -1);
				}
			}
			else if (DISCOVERY_PATH.equals(path)) {
				sendJson(exchange, JSONObjectUtils.toJSONString(discoveryDocument()));
			}
			else {
				exchange.sendResponseHeaders(404, -1);
			}
		}
		finally {
			exchange.close();
		}
	}

	// The fields OpenID Connect Discovery 1.0 §3 requires, so strict parsers accept it
	// too.
	private Map<String, Object> discoveryDocument() {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("issuer", this.baseUrl);
		document.put("authorization_endpoint", this.baseUrl + "/authorize");
		document.put("jwks_uri", this.baseUrl + JWKS_PATH);
		document.put("response_types_supported", List.of("code"));
		document.put("subject_types_supported", List.of("public"));
		document.put("id_token_signing_alg_values_supported", List.of("RS256", "ES256"));
		return document;
	}

	private static void sendJson(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
