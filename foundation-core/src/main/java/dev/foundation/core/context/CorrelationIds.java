package dev.foundation.core.context;

import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Validation and generation of correlation ids and W3C trace ids.
 * <p>
 * An inbound id ends up in response headers and in every log line, so only a short id made of a safe character set
 * is accepted; anything else (CR/LF, quotes, markup, overlong values) is replaced, never repaired, so header and log
 * injection cannot ride on it.
 */
public final class CorrelationIds {

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]+");

	// W3C Trace Context, section 3.2: version "00", 16-byte trace id, 8-byte parent id, flags.
	private static final Pattern TRACEPARENT = Pattern
		.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

	private static final String INVALID_TRACE_ID = "00000000000000000000000000000000";

	private static final String INVALID_PARENT_ID = "0000000000000000";

	private CorrelationIds() {
	}

	/**
	 * Returns a new random correlation id (a UUID in its canonical form).
	 * @return the id
	 */
	public static String generate() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Whether an inbound id can be used as it is.
	 * @param candidate the header value, possibly {@code null}
	 * @param maxLength the longest id accepted
	 * @return {@code true} when it is non-empty, at most {@code maxLength} characters and of {@code [A-Za-z0-9._:-]}
	 */
	public static boolean isAcceptable(@Nullable String candidate, int maxLength) {
		return candidate != null && !candidate.isEmpty() && candidate.length() <= maxLength
				&& SAFE.matcher(candidate).matches();
	}

	/**
	 * Extracts the trace id of a W3C {@code traceparent} header.
	 * @param traceparent the header value, possibly {@code null}
	 * @return the 32-character trace id, or {@code null} when the header is absent or invalid
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
