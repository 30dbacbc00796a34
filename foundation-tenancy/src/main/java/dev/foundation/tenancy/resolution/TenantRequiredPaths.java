package dev.foundation.tenancy.resolution;

import java.util.List;

import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which request paths need a tenant: those matching a required pattern and no excluded
 * one.
 */
public final class TenantRequiredPaths {

	private final List<PathPattern> required;

	private final List<PathPattern> excluded;

	/**
	 * Creates the rule.
	 * @param required path patterns ({@link PathPattern} syntax, e.g. {@code /api/**})
	 * that need a tenant
	 * @param excluded path patterns exempted from {@code required}
	 */
	public TenantRequiredPaths(List<String> required, List<String> excluded) {
		this.required = parse(required);
		this.excluded = parse(excluded);
	}

	private static List<PathPattern> parse(List<String> patterns) {
		return patterns.stream().map(PathPatternParser.defaultInstance::parse).toList();
	}

	/**
	 * Whether a path needs a tenant.
	 * @param path the path within the application
	 * @return {@code true} if a request to it must name a tenant
	 */
	public boolean requiresTenant(String path) {
		PathContainer container = PathContainer.parsePath(path);
		return this.required.stream().anyMatch((pattern) -> pattern.matches(container))
				&& this.excluded.stream().noneMatch((pattern) -> pattern.matches(container));
	}

}
