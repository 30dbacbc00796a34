package dev.foundation.core.redis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.foundation.test.auth.TestJwtIssuer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;

/**
 * Instances of {@link RedisFeaturesTestApplication} on their own ports, sharing one Redis
 * (as several instances behind a load balancer do), and an HTTP client to call them as a
 * user of a tenant.
 */
public final class TestInstances implements AutoCloseable {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	// HTTP/1.1 only: the default (HTTP/2) sends an h2c upgrade offer on every new
	// connection, which these servers decline; tests that open dozens of long-lived
	// event streams at once should not depend on how the client handles that.
	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final TestJwtIssuer issuer;

	/**
	 * Starts {@code count} instances.
	 * @param count how many
	 * @param issuer the token issuer the instances trust
	 * @param redisUrl the Redis they share
	 * @param properties further properties, e.g. rate-limit rules
	 */
	public TestInstances(int count, TestJwtIssuer issuer, String redisUrl, Map<String, Object> properties) {
		this.issuer = issuer;
		for (int index = 0; index < count; index++) {
			SpringApplicationBuilder builder = new SpringApplicationBuilder(RedisFeaturesTestApplication.class)
				.properties(Map.of("server.port", "0", "spring.main.banner-mode", "off", "spring.data.redis.url",
						redisUrl, "foundation.auth.supabase.url", issuer.baseUrl()))
				.properties(properties);
			this.contexts.add(builder.run());
		}
	}

	/**
	 * Properties from alternating names and values.
	 * @param namesAndValues name, value, name, value…
	 * @return the properties
	 */
	public static Map<String, Object> properties(String... namesAndValues) {
		Map<String, Object> properties = new java.util.LinkedHashMap<>();
		for (int index = 0; index < namesAndValues.length; index += 2) {
			properties.put(namesAndValues[index], namesAndValues[index + 1]);
		}
		return properties;
	}

	/**
	 * The context of an instance.
	 * @param index which
	 * @return its context
	 */
	public ConfigurableApplicationContext context(int index) {
		return this.contexts.get(index);
	}

	/**
	 * The base URL of an instance.
	 * @param index which
	 * @return e.g. {@code http://127.0.0.1:41234}
	 */
	public String baseUrl(int index) {
		int port = ((WebServerApplicationContext) this.contexts.get(index)).getWebServer().getPort();
		return "http://127.0.0.1:" + port;
	}

	/**
	 * A bearer token of a user.
	 * @param user the subject
	 * @return the token
	 */
	public String token(String user) {
		return this.issuer.supabase().user(user).token();
	}

	/**
	 * Calls an instance as a user of a tenant.
	 * @param index the instance
	 * @param path the path
	 * @param user the user
	 * @param tenant the tenant
	 * @return the response
	 * @throws IOException if the call failed
	 * @throws InterruptedException if interrupted
	 */
	public HttpResponse<String> get(int index, String path, String user, String tenant)
			throws IOException, InterruptedException {
		return this.client.send(request(index, path, user, tenant).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A request to an instance as a user of a tenant, to be completed by the caller.
	 * @param index the instance
	 * @param path the path
	 * @param user the user
	 * @param tenant the tenant
	 * @return the builder
	 */
	public HttpRequest.Builder request(int index, String path, String user, String tenant) {
		return HttpRequest.newBuilder(URI.create(baseUrl(index) + path))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(user))
			.header(RedisFeaturesTestApplication.TENANT_HEADER, tenant)
			.timeout(Duration.ofSeconds(30));
	}

	/**
	 * The client the calls use.
	 * @return the client
	 */
	public HttpClient client() {
		return this.client;
	}

	@Override
	public void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

}
