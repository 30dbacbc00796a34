package dev.foundation.sample.devservices;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DevServicesEnvironmentPostProcessor} and
 * {@link DevServicesShutdownListener}, starting the real embedded servers.
 */
class DevServicesEnvironmentPostProcessorTests {

	private final DevServicesEnvironmentPostProcessor postProcessor = new DevServicesEnvironmentPostProcessor(
			Supplier::get);

	private final StandardEnvironment environment = new StandardEnvironment();

	DevServicesEnvironmentPostProcessorTests() {
		// A developer's own SPRING_DATASOURCE_URL or -Dspring.data.redis.host must not
		// change what these tests see.
		this.environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		this.environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
	}

	@AfterEach
	void closeContext() {
		closeContextOf(this.environment);
	}

	@Test
	void startsPostgresAndRedisWhenNeitherIsConfigured() throws Exception {
		process();

		String url = this.environment.getProperty("spring.datasource.url");
		String username = this.environment.getProperty("spring.datasource.username");
		String password = this.environment.getProperty("spring.datasource.password");
		assertThat(url).startsWith("jdbc:postgresql://localhost:");
		try (Connection connection = DriverManager.getConnection(url, username, password);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("select 1")) {
			assertThat(result.next()).isTrue();
			assertThat(result.getInt(1)).isEqualTo(1);
		}
		String host = this.environment.getProperty("spring.data.redis.host");
		int port = this.environment.getRequiredProperty("spring.data.redis.port", Integer.class);
		assertThat(ping(host, port)).isEqualTo("+PONG");
		// The embedded database lives for this run only, and so does its generated master
		// key.
		assertThat(java.util.Base64.getDecoder()
			.decode(this.environment.getRequiredProperty("foundation.crypto.master-keys[0].key"))).hasSize(32);

		closeContextOf(this.environment);

		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, username, password).close());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> ping(host, port));
	}

	@Test
	void startsOnlyRedisWhenDatasourceUrlIsSet() throws Exception {
		configure(Map.of("spring.datasource.url", "jdbc:postgresql://db.example:5432/crm"));

		process();

		assertThat(this.environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://db.example:5432/crm");
		assertThat(this.environment.containsProperty("spring.datasource.username")).isFalse();
		// A database that outlives the run needs a configured key: none is made up.
		assertThat(this.environment.containsProperty("foundation.crypto.master-keys[0].key")).isFalse();
		assertThat(ping(this.environment.getProperty("spring.data.redis.host"),
				this.environment.getRequiredProperty("spring.data.redis.port", Integer.class)))
			.isEqualTo("+PONG");
	}

	@Test
	void doesNothingWhenDatasourceUrlAndRedisHostAreSet() {
		configure(Map.of("spring.datasource.url", "jdbc:postgresql://db.example:5432/crm", "spring.data.redis.host",
				"cache.example"));

		process();

		assertThat(this.environment.getPropertySources().contains(DevServicesPropertySource.NAME)).isFalse();
		assertThat(this.environment.getProperty("spring.datasource.url"))
			.isEqualTo("jdbc:postgresql://db.example:5432/crm");
		assertThat(this.environment.containsProperty("spring.data.redis.port")).isFalse();
	}

	@Test
	void doesNothingWhenDisabled() {
		configure(Map.of("sample.dev-services.enabled", "false"));

		process();

		assertThat(this.environment.getPropertySources().contains(DevServicesPropertySource.NAME)).isFalse();
		assertThat(this.environment.containsProperty("spring.datasource.url")).isFalse();
	}

	@Test
	void closingAChildContextLeavesTheParentsServicesRunning() throws Exception {
		configure(Map.of("spring.datasource.url", "jdbc:postgresql://db.example:5432/crm"));
		process();
		DevServicesPropertySource devServices = DevServicesPropertySource.in(this.environment);
		GenericApplicationContext parent = new GenericApplicationContext();
		parent.setEnvironment(this.environment);
		GenericApplicationContext child = new GenericApplicationContext();
		child.setParent(parent);

		new DevServicesShutdownListener().onApplicationEvent(new ContextClosedEvent(child));

		assertThat(devServices).isNotNull();
		assertThat(devServices.isClosed()).isFalse();
	}

	private void configure(Map<String, Object> properties) {
		this.environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
	}

	private void process() {
		this.postProcessor.postProcessEnvironment(this.environment, new SpringApplication());
	}

	private static void closeContextOf(StandardEnvironment environment) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setEnvironment(environment);
		new DevServicesShutdownListener().onApplicationEvent(new ContextClosedEvent(context));
	}

	private static String ping(String host, int port) throws IOException {
		try (Socket socket = new Socket(host, port)) {
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int next = in.read(); next != -1 && next != '\r'; next = in.read()) {
				line.append((char) next);
			}
			return line.toString();
		}
	}

}
