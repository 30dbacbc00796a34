package dev.foundation.test.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The embedded servers themselves, started here whatever the environment variables say
 * (the kit uses them only when neither a configured server nor Docker is there; the
 * sample app's dev services always).
 */
class EmbeddedServersIntegrationTests {

	@Test
	void postgresAcceptsConnectionsUntilClosed() throws Exception {
		String url;
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
			url = server.jdbcUrl("postgres");
			try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("select current_setting('server_version_num')::int")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getInt(1)).isGreaterThanOrEqualTo(170000);
			}
			try (Connection connection = server.superuserDataSource().getConnection()) {
				assertThat(connection.isValid(2)).isTrue();
			}
		}
		String closed = url;
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(closed, EmbeddedPostgresServer.SUPERUSER, "").close());
	}

	@Test
	void postgresOnATakenPortRefusesInsteadOfReportingTheOtherServer() throws IOException {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThatIOException().isThrownBy(() -> EmbeddedPostgresServer.start(taken.getLocalPort()))
				.withMessageContaining("port " + taken.getLocalPort() + " is already in use");
		}
	}

	@Test
	void killedPostgresRefusesConnectionsAndRestartsOnTheSamePortWithEveryCommittedRow() throws Exception {
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
			String url = server.jdbcUrl("postgres");
			int port = server.port();
			try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
					Statement statement = connection.createStatement()) {
				statement.execute("create table acknowledged (n int)");
				for (int n = 0; n < 100; n++) {
					statement.execute("insert into acknowledged values (" + n + ")");
				}
				server.kill();
				assertThat(server.isRunning()).isFalse();
				// The open connection is broken: a connection exception (SQLState 08),
				// or,
				// when its backend saw the postmaster die a moment before its own SIGKILL
				// arrived, "terminating connection due to unexpected postmaster exit"
				// (57P01).
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("select 1"))
					.satisfies((ex) -> assertThat(ex.getSQLState()).matches("08...|57P01"));
			}
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "").close());
			server.restart();
			assertThat(server.port()).isEqualTo(port);
			try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresServer.SUPERUSER, "");
					Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("select count(*) from acknowledged")) {
				assertThat(result.next()).isTrue();
				assertThat(result.getInt(1)).isEqualTo(100);
			}
		}
	}

	@Test
	void killedRedisRefusesConnectionsAndRestartsOnTheSamePort() throws IOException {
		try (EmbeddedRedisServer server = EmbeddedRedisServer.start()) {
			assertThat(ping(server.host(), server.port())).isEqualTo("+PONG");
			server.kill();
			assertThatIOException().isThrownBy(() -> ping(server.host(), server.port()));
			server.restart();
			assertThat(ping(server.host(), server.port())).isEqualTo("+PONG");
		}
	}

	@Test
	void redisAnswersPingUntilClosed() throws IOException {
		String host;
		int port;
		try (EmbeddedRedisServer server = EmbeddedRedisServer.start()) {
			host = server.host();
			port = server.port();
			assertThat(ping(host, port)).isEqualTo("+PONG");
		}
		assertThatIOException().isThrownBy(() -> ping(host, port));
	}

	private static String ping(String host, int port) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 2000);
			socket.setSoTimeout(2000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int next = in.read(); next != -1 && next != '\r' && next != '\n'; next = in.read()) {
				line.append((char) next);
			}
			return line.toString();
		}
	}

}
