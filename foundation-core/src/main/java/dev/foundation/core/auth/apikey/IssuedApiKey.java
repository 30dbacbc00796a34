package dev.foundation.core.auth.apikey;

/**
 * A newly issued key: its description and the plaintext to hand to the client, once.
 *
 * @param key the description
 * @param plaintext the full key, e.g. {@code fdn_3kq9x2ab_...}; not stored anywhere
 */
public record IssuedApiKey(ApiKey key, String plaintext) {

	@Override
	public String toString() {
		return "IssuedApiKey[key=" + this.key + ", plaintext=****]";
	}

}
