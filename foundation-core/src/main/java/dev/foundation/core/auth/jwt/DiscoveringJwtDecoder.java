package dev.foundation.core.auth.jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A decoder whose issuer is discovered at the first token rather than at startup, so that
 * an identity provider outage never stops the application from starting.
 * <p>
 * Unlike Spring Security's {@code SupplierJwtDecoder}, a failed discovery is retried at
 * most once per back-off interval (tokens in between fail at once, without a request to
 * the provider, so an outage is not multiplied by the request rate), and the failure is a
 * {@link JwtException} — "the token could not be checked", which the foundation answers
 * with 503 — rather than an unchecked error ending in a 500.
 */
final class DiscoveringJwtDecoder implements ParsedJwtDecoder {

	private final Supplier<JwtDecoder> discovery;

	private final Duration backoff;

	private final Clock clock;

	private volatile @Nullable JwtDecoder delegate;

	private @Nullable Instant retryAt;

	private @Nullable String lastFailure;

	DiscoveringJwtDecoder(Supplier<JwtDecoder> discovery, Duration backoff, Clock clock) {
		this.discovery = discovery;
		this.backoff = backoff;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		JwtDecoder decoder = this.delegate;
		return ((decoder != null) ? decoder : discover()).decode(token);
	}

	@Override
	public Jwt decode(String token, SignedJWT parsed) throws JwtException {
		JwtDecoder decoder = this.delegate;
		decoder = (decoder != null) ? decoder : discover();
		return (decoder instanceof ParsedJwtDecoder parsedDecoder) ? parsedDecoder.decode(token, parsed)
				: decoder.decode(token);
	}

	private synchronized JwtDecoder discover() {
		JwtDecoder decoder = this.delegate;
		if (decoder != null) {
			return decoder;
		}
		Instant now = this.clock.instant();
		if (this.retryAt != null && now.isBefore(this.retryAt)) {
			throw new JwtException(
					"The issuer's discovery failed and is retried after " + this.retryAt + ": " + this.lastFailure);
		}
		try {
			decoder = this.discovery.get();
			this.delegate = decoder;
			return decoder;
		}
		catch (RuntimeException ex) {
			this.retryAt = now.plus(this.backoff);
			this.lastFailure = ex.getMessage();
			throw new JwtException(ex.getMessage(), ex);
		}
	}

}
