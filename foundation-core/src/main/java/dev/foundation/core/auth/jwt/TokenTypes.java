package dev.foundation.core.auth.jwt;

import org.jspecify.annotations.Nullable;

/**
 * The JOSE {@code typ} values the foundation accepts. Media types are compared
 * case-insensitively and the {@code application/} prefix may be left out (RFC 7515,
 * section 4.1.9).
 */
final class TokenTypes {

	private static final String APPLICATION = "application/";

	private TokenTypes() {
	}

	/**
	 * Whether the type is RFC 9068's access token type.
	 * @param type the header's {@code typ}
	 * @return whether it is {@code at+jwt}
	 */
	static boolean isAccessToken(@Nullable String type) {
		return "at+jwt".equalsIgnoreCase(withoutApplicationPrefix(type));
	}

	/**
	 * Whether the type is the generic JWT type most issuers put on every token.
	 * @param type the header's {@code typ}
	 * @return whether it is {@code JWT}
	 */
	static boolean isJwt(@Nullable String type) {
		return "jwt".equalsIgnoreCase(withoutApplicationPrefix(type));
	}

	private static @Nullable String withoutApplicationPrefix(@Nullable String type) {
		if (type != null && type.regionMatches(true, 0, APPLICATION, 0, APPLICATION.length())) {
			return type.substring(APPLICATION.length());
		}
		return type;
	}

}
