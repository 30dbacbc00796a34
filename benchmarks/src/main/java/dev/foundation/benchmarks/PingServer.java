package dev.foundation.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.foundation.benchmarks.BenchmarkLogging.LogFormat;
import dev.foundation.benchmarks.KeepAliveHttpClient.Response;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One variant of {@link FilterChainHttpBenchmark}: {@link PingApplication} on embedded
 * Tomcat at a free port of 127.0.0.1 and a {@link KeepAliveHttpClient} sending the
 * requests of {@link RequestChain} ({@code Accept}, {@code User-Agent},
 * {@code X-Forwarded-For}, no {@code X-Request-Id}).
 * <ul>
 * <li><b>baseline</b>: bare Boot web MVC (Tomcat, Jackson, Boot's error page); the
 * foundation's auto-configurations are excluded, and the controller logs in Boot's
 * console layout;</li>
 * <li><b>foundation</b>: the same plus foundation-core's web auto-configurations with
 * their defaults (request context filter with its request log, problem+json errors,
 * logging properties), 127.0.0.0/8 as trusted proxy, and the controller and the request
 * log writing masked JSON lines.</li>
 * </ul>
 * Both leave out Spring Security, JPA and tenancy, which are on the benchmarks' class
 * path for other benchmarks: the foundation's auth is switched off and Spring Security's
 * servlet auto-configurations are excluded in both.
 */
final class PingServer implements AutoCloseable {

	private static final List<String> EXCLUDED_IN_BOTH = List.of(
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
			"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
			"dev.foundation.core.auth.autoconfigure.AuthAutoConfiguration",
			"dev.foundation.tenancy.autoconfigure.TenancyAutoConfiguration",
			"dev.foundation.tenancy.autoconfigure.TenantIsolationAutoConfiguration",
			"dev.foundation.tenancy.autoconfigure.TenantIsolationHealthContributorAutoConfiguration",
			"dev.foundation.tenancy.autoconfigure.TenantResolutionAutoConfiguration");

	/** foundation-core's web auto-configurations: what the foundation variant adds. */
	static final List<String> FOUNDATION_WEB = List.of(
			"dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration",
			"dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration",
			"dev.foundation.core.logging.autoconfigure.LoggingAutoConfiguration");

	private final Variant variant;

	private final ConfigurableApplicationContext context;

	private final KeepAliveHttpClient client;

	private final byte[] ok;

	private final byte[] notFound;

	private PingServer(Variant variant, ConfigurableApplicationContext context) {
		this.variant = variant;
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.client = new KeepAliveHttpClient("127.0.0.1", port);
		this.ok = request("/ping");
		this.notFound = request("/items/42");
	}

	/**
	 * Starts the application and checks that it behaves as its variant claims.
	 * @param variant which application
	 * @return the running variant
	 */
	static PingServer start(Variant variant) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PingApplication.class)
			.properties(properties(variant))
			.run();
		try {
			PingServer server = new PingServer(variant, context);
			new HttpSetupCheck(server).verify();
			return server;
		}
		catch (RuntimeException ex) {
			context.close();
			throw ex;
		}
	}

	private static Map<String, Object> properties(Variant variant) {
		boolean foundation = variant == Variant.FOUNDATION;
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		properties.put("foundation.auth.enabled", "false");
		properties.put("spring.autoconfigure.exclude",
				String.join(",", foundation ? EXCLUDED_IN_BOTH : concat(EXCLUDED_IN_BOTH, FOUNDATION_WEB)));
		properties.put(PingApplication.LOG_FORMAT, (foundation ? LogFormat.MASKED_JSON : LogFormat.PATTERN).name());
		if (foundation) {
			// Tomcat's peer is 127.0.0.1: trusting it makes the filter walk
			// X-Forwarded-For, as behind a proxy.
			properties.put("foundation.context.trusted-proxies", RequestChain.TRUSTED_PROXY);
		}
		return properties;
	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

	private byte[] request(String path) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "application/json");
		headers.put("User-Agent", RequestChain.USER_AGENT);
		headers.put("X-Forwarded-For", RequestChain.FORWARDED_FOR);
		return this.client.request(path, headers);
	}

	/**
	 * {@code GET /ping}.
	 * @return the response
	 */
	Response ok() {
		return expect(this.client.send(this.ok), 200);
	}

	/**
	 * {@code GET /items/42}, which the handler answers with "not found".
	 * @return the response
	 */
	Response notFound() {
		return expect(this.client.send(this.notFound), 404);
	}

	private static Response expect(Response response, int status) {
		if (response.status() != status) {
			throw new IllegalStateException(
					"Answered " + response.status() + " instead of " + status + ": " + response.body());
		}
		return response;
	}

	Variant variant() {
		return this.variant;
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		try {
			this.client.close();
		}
		finally {
			this.context.close();
		}
	}

	/**
	 * Which application is served.
	 */
	enum Variant {

		/** Bare Boot web MVC. */
		BASELINE,

		/** Boot web MVC with foundation-core's web auto-configurations. */
		FOUNDATION

	}

}
