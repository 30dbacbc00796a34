package dev.foundation.core.auth.apikey;

import java.util.Objects;
import java.util.Optional;

import dev.foundation.core.auth.AuthFailure;
import dev.foundation.core.auth.FoundationPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * The result of checking a presented API key: the principal it authenticates, or why it
 * was refused.
 *
 * @param principal the key's principal, or {@code null} when refused
 * @param failure why the key was refused, or {@code null} when it authenticates
 */
public record ApiKeyCheck(@Nullable FoundationPrincipal principal, @Nullable AuthFailure failure) {

	public ApiKeyCheck {
		if ((principal == null) == (failure == null)) {
			throw new IllegalArgumentException("Either a principal or a failure");
		}
	}

	/**
	 * A key that authenticates.
	 * @param principal its principal
	 * @return the result
	 */
	public static ApiKeyCheck authenticated(FoundationPrincipal principal) {
		return new ApiKeyCheck(Objects.requireNonNull(principal, "principal"), null);
	}

	/**
	 * A key refused.
	 * @param failure why, one of the {@code API_KEY_*} categories
	 * @return the result
	 */
	public static ApiKeyCheck refused(AuthFailure failure) {
		return new ApiKeyCheck(null, Objects.requireNonNull(failure, "failure"));
	}

	/**
	 * Returns the principal, if the key authenticates.
	 * @return the principal
	 */
	public Optional<FoundationPrincipal> authenticated() {
		return Optional.ofNullable(this.principal);
	}

}
