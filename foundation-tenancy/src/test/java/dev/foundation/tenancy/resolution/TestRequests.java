package dev.foundation.tenancy.resolution;

import java.util.Map;
import java.util.Set;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * Requests and principals for resolution tests.
 */
final class TestRequests {

	private TestRequests() {
	}

	static TenantRequest request(String path, Map<String, String> headers) {
		return request("api.example.com", path, headers, Map.of());
	}

	static TenantRequest request(String host, String path, Map<String, String> headers,
			Map<String, String> parameters) {
		return new TenantRequest() {

			@Override
			public @Nullable String header(String name) {
				return headers.entrySet()
					.stream()
					.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
					.map(Map.Entry::getValue)
					.findFirst()
					.orElse(null);
			}

			@Override
			public @Nullable String parameter(String name) {
				return parameters.get(name);
			}

			@Override
			public String host() {
				return host;
			}

			@Override
			public String path() {
				return path;
			}

		};
	}

	static FoundationPrincipal principal(String userId, @Nullable String tenantId, String... roles) {
		return principal(AuthProvider.CLERK, userId, tenantId, Map.of(), roles);
	}

	static FoundationPrincipal principal(AuthProvider provider, String userId, @Nullable String tenantId,
			Map<String, Object> claims, String... roles) {
		return new FoundationPrincipal(userId, provider, "https://issuer.example", null, tenantId, Set.of(roles), null,
				claims);
	}

}
