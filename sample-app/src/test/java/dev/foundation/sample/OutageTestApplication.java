package dev.foundation.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.test.embedded.EmbeddedPostgresServer;
import dev.foundation.test.embedded.EmbeddedRedisServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sample app in a context of its own (not Spring's test context cache: these tests
 * kill its servers or stop it), on a random port, against a PostgreSQL and a
 * {@code redis-server} it starts itself on free ports, so that they can be killed and
 * restarted without touching the servers other tests share. The application connects as a
 * role that owns nothing, as in production.
 */
final class OutageTestApplication implements AutoCloseable {

	static final String APPLICATION_ROLE = "sample_app";

	static final String APPLICATION_PASSWORD = "sample-app-" + UUID.randomUUID();

	final EmbeddedPostgresServer postgres;

	final EmbeddedRedisServer redis;

	final ConfigurableApplicationContext context;

	final int port;

	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Tenant tenant;

	private OutageTestApplication(EmbeddedPostgresServer postgres, EmbeddedRedisServer redis,
			ConfigurableApplicationContext context) {
		this.postgres = postgres;
		this.redis = redis;
		this.context = context;
		this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.tenant = createTenant("outage");
	}

	static OutageTestApplication start(Map<String, Object> extraProperties, Class<?>... extraSources) throws Exception {
		EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start();
		EmbeddedRedisServer redis = null;
		try {
			try (Connection connection = postgres.superuserDataSource().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE ROLE " + APPLICATION_ROLE
						+ " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '" + APPLICATION_PASSWORD
						+ "'");
			}
			redis = EmbeddedRedisServer.start();
			Map<String, Object> properties = new HashMap<>();
			properties.put("server.port", "0");
			properties.put("sample.dev-services.enabled", "false");
			properties.put("spring.datasource.url", postgres.jdbcUrl("postgres"));
			properties.put("spring.datasource.username", APPLICATION_ROLE);
			properties.put("spring.datasource.password", APPLICATION_PASSWORD);
			properties.put("spring.flyway.user", EmbeddedPostgresServer.SUPERUSER);
			properties.put("spring.flyway.password", "");
			properties.put("spring.data.redis.host", redis.host());
			properties.put("spring.data.redis.port", Integer.toString(redis.port()));
			properties.put("foundation.auth.issuers.test.issuer", SampleAuthentication.CUSTOM_ISSUER);
			properties.put("foundation.auth.issuers.test.jwk-set-uri",
					SampleAuthentication.ISSUER.jwksUri().toString());
			properties.put("foundation.auth.issuers.test.audiences", SampleAuthentication.AUDIENCE);
			// Thousands of requests: no line per request, no warning per 503.
			properties.put("foundation.context.log-requests", "false");
			properties.put("logging.level.dev.foundation.core.error.web", "ERROR");
			properties.put("logging.level.io.zonky", "OFF");
			// A master key of this run only, like the sample's dev services generate.
			byte[] masterKey = new byte[32];
			new SecureRandom().nextBytes(masterKey);
			properties.put("foundation.crypto.master-keys[0].id", "outage-test");
			properties.put("foundation.crypto.master-keys[0].key", Base64.getEncoder().encodeToString(masterKey));
			// The load is steadier than the sample's per-tenant write limit allows; the
			// limits
			// have outage tests of their own.
			properties.put("foundation.rate-limit.enabled", "false");
			properties.putAll(extraProperties);
			Class<?>[] sources = new Class<?>[extraSources.length + 1];
			sources[0] = SampleApplication.class;
			System.arraycopy(extraSources, 0, sources, 1, extraSources.length);
			ConfigurableApplicationContext context = new SpringApplicationBuilder(sources).properties(properties).run();
			return new OutageTestApplication(postgres, redis, context);
		}
		catch (Exception | Error ex) {
			if (redis != null) {
				redis.close();
			}
			postgres.close();
			throw ex;
		}
	}

	Tenant createTenant(String prefix) {
		return this.context.getBean(TenantDirectory.class)
			.create(prefix + "-" + UUID.randomUUID().toString().substring(0, 8), "Outage tests",
					SampleAuthentication.user(SampleAuthentication.USER_ID));
	}

	Tenant tenant() {
		return this.tenant;
	}

	HttpRequest.Builder request(String path) {
		return request(path, this.tenant);
	}

	HttpRequest.Builder request(String path, Tenant tenant) {
		return anonymous(path).header("Authorization", "Bearer " + SampleAuthentication.userToken())
			.header("X-Tenant-Id", tenant.slug())
			.timeout(Duration.ofSeconds(5));
	}

	HttpRequest.Builder anonymous(String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(5));
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends one command to the test's Redis and returns its whole answer (RESP, lines
	 * joined by {@code \n}): the command is followed by {@code QUIT}, whose answer ends
	 * the stream.
	 */
	String redisCommand(String... words) throws IOException {
		StringBuilder command = new StringBuilder("*" + words.length + "\r\n");
		for (String word : words) {
			command.append('$')
				.append(word.getBytes(StandardCharsets.UTF_8).length)
				.append("\r\n")
				.append(word)
				.append("\r\n");
		}
		command.append("*1\r\n$4\r\nQUIT\r\n");
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.redis.host(), this.redis.port()), 2000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write(command.toString().getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
			return answer.endsWith("+OK\n") ? answer.substring(0, answer.length() - 4) : answer;
		}
	}

	@Override
	public void close() throws IOException {
		try {
			this.context.close();
		}
		finally {
			try {
				this.redis.close();
			}
			finally {
				this.postgres.close();
			}
		}
	}

}
