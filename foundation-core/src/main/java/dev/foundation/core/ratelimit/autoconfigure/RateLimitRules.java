package dev.foundation.core.ratelimit.autoconfigure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.core.ratelimit.RateLimitPolicy;
import dev.foundation.core.ratelimit.web.RateLimitRule;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Turns {@code foundation.rate-limit.rules} into rules, failing startup with the name of
 * the first property that cannot be used.
 */
final class RateLimitRules {

	private static final String PREFIX = "foundation.rate-limit.rules[";

	private RateLimitRules() {
	}

	static List<RateLimitRule> of(RateLimitProperties properties) {
		List<RateLimitRule> rules = new ArrayList<>();
		Set<String> names = new HashSet<>();
		List<RateLimitProperties.Rule> configured = properties.getRules();
		for (int index = 0; index < configured.size(); index++) {
			RateLimitProperties.Rule rule = configured.get(index);
			String property = PREFIX + index + "].";
			String configuredName = rule.getName();
			String name = (configuredName != null && !configuredName.isBlank()) ? configuredName.trim()
					: "rule-" + index;
			if (!names.add(name)) {
				throw new InvalidFoundationPropertyException(property + "name", "the name '" + name + "' is used twice",
						"Give each rule its own name.");
			}
			PathPattern pattern = pattern(property + "match", rule.getMatch());
			String limit = rule.getLimit();
			if (limit == null || limit.isBlank()) {
				throw new InvalidFoundationPropertyException(property + "limit", "no limit is set",
						"Set requests per period, such as 100/1m.");
			}
			RateLimitPolicy policy;
			try {
				policy = RateLimitPolicy.parse(name, limit, rule.getBurst(), rule.getPer(), rule.isFailClosed());
			}
			catch (IllegalArgumentException ex) {
				String reason = String.valueOf(ex.getMessage());
				String field = reason.startsWith("burst") ? "burst" : reason.startsWith("per") ? "per" : "limit";
				throw new InvalidFoundationPropertyException(property + field, reason,
						"Write the limit as requests/period, such as 100/1m, 5/s or 1000/1h.");
			}
			Set<String> methods = new HashSet<>();
			rule.getMethods().forEach((method) -> methods.add(method.trim().toUpperCase(Locale.ROOT)));
			rules.add(new RateLimitRule(policy, pattern, methods));
		}
		return rules;
	}

	private static PathPattern pattern(String property, @Nullable String match) {
		if (match == null || match.isBlank()) {
			throw new InvalidFoundationPropertyException(property, "no path pattern is set",
					"Set the paths the rule applies to, such as /api/v1/contacts/**.");
		}
		try {
			return PathPatternParser.defaultInstance.parse(match.trim());
		}
		catch (PatternParseException ex) {
			throw new InvalidFoundationPropertyException(property,
					"'" + match + "' is not a path pattern: " + ex.getMessage(),
					"Use Spring's path pattern syntax, such as /api/v1/contacts/** or /api/v1/{id}.");
		}
	}

}
