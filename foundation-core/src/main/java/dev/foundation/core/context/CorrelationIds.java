package dev.foundation.core.context;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Validation and generation of correlation ids and W3C trace ids.
 * <p>
 * An inbound id ends up in response headers and in every log line, so only a short id
 * made of a safe character set is accepted; anything else (CR/LF, quotes, markup,
 * overlong values) is replaced, never repaired, so header and log injection cannot ride
 * on it.
 */
public final class CorrelationIds {

	// W3C Trace Context, section 3.2: version "00", 16-byte trace id, 8-byte parent id,
	// flags.
	private static final Pattern TRACEPARENT = Pattern
		.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

	private static final String INVALID_TRACE_ID = "00000000000000000000000000000000";

	private static final String INVALID_PARENT_ID = "0000000000000000";

	private CorrelationIds() {
	}

	/**
	 * Returns a new random correlation id (a version 4 UUID in its canonical form).
	 * <p>
	 * A correlation id is an identifier, not a secret (it is echoed to the caller and
	 * written to every log line), so it comes from {@link ThreadLocalRandom} rather than
	 * {@code UUID.randomUUID()}'s {@code SecureRandom}, which costs several times more on
	 * every request.
	 * @return the id
	 */
	public static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificant = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificant = (random.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
		return new UUID(mostSignificant, leastSignificant).toString();
	}

	/**
	 * Whether an inbound id can be used as it is.
	 * @param candidate the header value, possibly {@code null}
	 * @param maxLength the longest id accepted
	 * @return {@code true} when it is non-empty, at most {@code maxLength} characters and
	 * of {@code [A-Za-z0-9._:-]}
	 */
	public static boolean isAcceptable(@Nullable String candidate, int maxLength) {
		if (candidate == null || candidate.isEmpty() || candidate.length() > maxLength) {
			return false;
		}
		for (int i = 0; i < candidate.length(); i++) {
			if (!isSafe(candidate.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSafe(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
				|| c == ':' || c == '-';
	}

	/**
	 * Extracts the trace id of a W3C {@code traceparent} header.
	 * @param traceparent the header value, possibly {@code null}
	 * @return the 32-character trace id, or {@code null} when the header is absent or
	 * invalid
	 */
	public static @Nullable String traceIdOf(@Nullable String traceparent) {
		if (traceparent == null || traceparent.length() > 512) {
			return null;
		}
		var matcher = TRACEPARENT.matcher(traceparent.trim());
		if (!matcher.matches() || "ff".equals(matcher.group(1))) {
			return null;
		}
		// Version 00 allows nothing after the flags; later versions may append fields.
		if ("00".equals(matcher.group(1)) && matcher.group(5) != null) {
			return null;
		}
		if (INVALID_TRACE_ID.equals(matcher.group(2)) || INVALID_PARENT_ID.equals(matcher.group(3))) {
			return null;
		}
		return matcher.group(2);
	}

}
