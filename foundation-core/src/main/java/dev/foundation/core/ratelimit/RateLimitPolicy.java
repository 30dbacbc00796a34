package dev.foundation.core.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rate limit: at most {@code limit} requests per {@code period} for each key, with up
 * to {@code burst} at once. Tokens come back all at once when a period ends (a fixed
 * window per key), so "N per minute" admits exactly N in any one window.
 *
 * @param name the policy's name, shown in the {@code RateLimit} headers and used as a
 * metric tag (a constant, never a caller's value)
 * @param limit the requests allowed per period
 * @param period the window
 * @param burst the bucket's capacity, at least {@code limit}
 * @param keys what the policy counts by
 * @param failClosed whether requests are rejected while Redis cannot count them
 */
public record RateLimitPolicy(String name, long limit, Duration period, long burst, List<RateLimitKey> keys,
		boolean failClosed) {

	private static final Pattern LIMIT = Pattern.compile("(\\d{1,12})\\s*/\\s*(\\d{0,9})\\s*(ms|s|m|h|d)");

	public RateLimitPolicy {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1");
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("period must be positive");
		}
		burst = Math.max(burst, limit);
		keys = List.copyOf(keys);
	}

	/**
	 * Parses a limit such as {@code 100/1m}, {@code 5/s} or {@code 1000/1h} (units
	 * {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}).
	 * @param name the policy's name
	 * @param limit the text
	 * @param burst the capacity, {@code 0} for the limit's count
	 * @param keys what the policy counts by
	 * @param failClosed whether to reject while Redis cannot count
	 * @return the policy
	 * @throws IllegalArgumentException with a sentence saying what is wrong
	 */
	public static RateLimitPolicy parse(String name, String limit, long burst, List<RateLimitKey> keys,
			boolean failClosed) {
		Matcher matcher = LIMIT.matcher(limit.trim().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new IllegalArgumentException(
					"'" + limit + "' is not a limit; write requests/period such as 100/1m, 5/s or 1000/1h");
		}
		long count = Long.parseLong(matcher.group(1));
		long amount = matcher.group(2).isEmpty() ? 1 : Long.parseLong(matcher.group(2));
		Duration period = switch (matcher.group(3)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			case "m" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofDays(amount);
		};
		if (count < 1 || period.isZero()) {
			throw new IllegalArgumentException("'" + limit + "' allows nothing; both the count and the period must"
					+ " be positive, such as 100/1m");
		}
		if (burst < 0) {
			throw new IllegalArgumentException("burst must not be negative");
		}
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("per must name at least one of " + List.of(RateLimitKey.values()));
		}
		return new RateLimitPolicy(name, count, period, burst, keys, failClosed);
	}

	/**
	 * The limit in the notation it was written in, for the bucket's key: a changed limit
	 * starts fresh buckets instead of inheriting tokens counted under the old one.
	 * @return e.g. {@code 100/60000ms/100}
	 */
	public String signature() {
		return this.limit + "/" + this.period.toMillis() + "ms/" + this.burst;
	}

}
