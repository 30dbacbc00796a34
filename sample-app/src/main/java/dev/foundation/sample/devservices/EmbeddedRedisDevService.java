package dev.foundation.sample.devservices;

import java.util.Map;

import dev.foundation.test.embedded.EmbeddedRedisServer;

/**
 * foundation-test's {@link EmbeddedRedisServer}: a {@code redis-server} on a free
 * loopback port, keeping nothing on disk.
 */
final class EmbeddedRedisDevService implements DevService {

	static final String CONFIGURATION = "SPRING_DATA_REDIS_HOST and SPRING_DATA_REDIS_PORT";

	private final EmbeddedRedisServer server;

	private EmbeddedRedisDevService(EmbeddedRedisServer server) {
		this.server = server;
	}

	static EmbeddedRedisDevService start() {
		try {
			return new EmbeddedRedisDevService(EmbeddedRedisServer.start());
		}
		catch (Exception | LinkageError ex) {
			throw new DevServiceStartException("Redis", CONFIGURATION, ex);
		}
	}

	@Override
	public String description() {
		return "embedded Redis at " + this.server.host() + ":" + this.server.port();
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.host", this.server.host(), "spring.data.redis.port", this.server.port());
	}

	@Override
	public void stop() throws Exception {
		this.server.close();
	}

}
