package dev.foundation.core.logging;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the foundation masks in JSON log lines unless {@code foundation.logging.mask.*}
 * says otherwise.
 */
public final class MaskingDefaults {

	/** Field names masked by default, wherever they appear in a JSON log event. */
	public static final List<String> FIELDS = List.of("password", "passwd", "secret", "client_secret", "token",
			"access_token", "refresh_token", "id_token", "authorization", "Authorization", "cookie", "Cookie",
			"set-cookie", "api_key", "apiKey", "x-api-key", "X-API-Key", "email", "phone", "phone_number");

	private static final String EMAIL = "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";

	private static final String PHONE = "\\+[1-9][0-9]{7,14}";

	private static final String JWT = "eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*";

	private static final String BEARER = "(?i)bearer\\s+[A-Za-z0-9._~+/=-]+";

	// The secret part of a foundation API key (fdn_<8 base32 prefix>_<43 base64url
	// secret>, see ApiKeyFormat). The
	// prefix is the key's public, searchable id and stays readable, so that a logged key
	// can still be identified.
	private static final String API_KEY_SECRET = "(?<=(?<![A-Za-z0-9_-])fdn_[a-z2-7]{8}_)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])";

	/**
	 * Value patterns masked by default: e-mail addresses, E.164 phone numbers, JWTs,
	 * bearer credentials and the secret part of foundation API keys.
	 */
	public static final List<String> PATTERNS = List.of(EMAIL, PHONE, JWT, BEARER, API_KEY_SECRET);

	// A literal every match of a default pattern contains; values without it are not
	// scanned.
	private static final Map<String, String> REQUIRED_LITERALS = Map.of(EMAIL, "@", PHONE, "+", JWT, "eyJ", BEARER,
			"bearer", API_KEY_SECRET, "fdn_");

	private MaskingDefaults() {
	}

	static @Nullable String requiredLiteralOf(String pattern) {
		return REQUIRED_LITERALS.get(pattern);
	}

}
