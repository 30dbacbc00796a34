package dev.foundation.core.ratelimit.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.foundation.core.ratelimit.RateLimitKey;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Distributed rate limits, counted in Redis across every instance.
 */
@ConfigurationProperties("foundation.rate-limit")
public class RateLimitProperties {

	/**
	 * Whether the configured rules and @RateLimit annotations are enforced.
	 */
	private boolean enabled = true;

	/**
	 * Prefix of every bucket's Redis key.
	 */
	private String keyPrefix = "foundation:rate-limit:";

	/**
	 * The rules, each checked against every request it matches.
	 */
	private List<Rule> rules = new ArrayList<>();

	/**
	 * How many refused keys each instance remembers, to refuse their further requests
	 * without a Redis round trip until their bucket's next token is due (a flood then
	 * stays on the instance). 0 asks Redis every time.
	 */
	private int rememberedRefusals = 100_000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public int getRememberedRefusals() {
		return this.rememberedRefusals;
	}

	public void setRememberedRefusals(int rememberedRefusals) {
		this.rememberedRefusals = rememberedRefusals;
	}

	public List<Rule> getRules() {
		return this.rules;
	}

	public void setRules(List<Rule> rules) {
		this.rules = rules;
	}

	/**
	 * One rate limit and the requests it applies to.
	 */
	public static class Rule {

		/**
		 * Name of the policy in the RateLimit headers and metrics; "rule-<index>" when
		 * unset.
		 */
		private @Nullable String name;

		/**
		 * Path pattern within the application the rule applies to, e.g.
		 * /api/v1/contacts/**.
		 */
		private @Nullable String match;

		/**
		 * HTTP methods the rule applies to; all when empty.
		 */
		private List<String> methods = new ArrayList<>();

		/**
		 * What the limit counts by; several parts make one bucket per combination. A
		 * request without the part (no tenant, anonymous) counts by its client IP.
		 */
		private List<RateLimitKey> per = new ArrayList<>(List.of(RateLimitKey.IP));

		/**
		 * Requests per period, e.g. 100/1m, 5/s or 1000/1h.
		 */
		private @Nullable String limit;

		/**
		 * Requests that may arrive at once; the limit's count when 0.
		 */
		private long burst;

		/**
		 * Whether requests are rejected with 503 while Redis cannot count them, instead
		 * of being let through.
		 */
		private boolean failClosed;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getMatch() {
			return this.match;
		}

		public void setMatch(@Nullable String match) {
			this.match = match;
		}

		public List<String> getMethods() {
			return this.methods;
		}

		public void setMethods(List<String> methods) {
			this.methods = methods;
		}

		public List<RateLimitKey> getPer() {
			return this.per;
		}

		public void setPer(List<RateLimitKey> per) {
			this.per = per;
		}

		public @Nullable String getLimit() {
			return this.limit;
		}

		public void setLimit(@Nullable String limit) {
			this.limit = limit;
		}

		public long getBurst() {
			return this.burst;
		}

		public void setBurst(long burst) {
			this.burst = burst;
		}

		public boolean isFailClosed() {
			return this.failClosed;
		}

		public void setFailClosed(boolean failClosed) {
			this.failClosed = failClosed;
		}

	}

}
