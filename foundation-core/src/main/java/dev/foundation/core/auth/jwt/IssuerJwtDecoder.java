package dev.foundation.core.auth.jwt;

import java.text.ParseException;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.foundation.core.auth.AuthFailure;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * One issuer's decoder: what Spring Security's {@code NimbusJwtDecoder} does (the Nimbus
 * processor verifies the signature, the claims are converted as Spring converts them, the
 * validators run; the same exceptions, so that a bad token is a 401 and unreachable keys
 * a 503), but it can start from a token that is already parsed.
 */
final class IssuerJwtDecoder implements ParsedJwtDecoder {

	private static final String DECODING_ERROR = "An error occurred while attempting to decode the Jwt: %s";

	private final DefaultJWTProcessor<SecurityContext> processor;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Converter<Map<String, Object>, Map<String, Object>> claimSetConverter = MappedJwtClaimSetConverter
		.withDefaults(Map.of());

	IssuerJwtDecoder(DefaultJWTProcessor<SecurityContext> processor, OAuth2TokenValidator<Jwt> validator) {
		this.processor = processor;
		this.validator = validator;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		JWT parsed;
		try {
			parsed = JWTParser.parse(token);
		}
		catch (Exception ex) {
			throw new RejectedJwtException(AuthFailure.BEARER_MALFORMED,
					String.format(DECODING_ERROR, "Malformed token"), ex);
		}
		if (!(parsed instanceof SignedJWT signed)) {
			throw new RejectedJwtException(AuthFailure.BEARER_UNSUPPORTED_ALGORITHM,
					"Unsupported algorithm of " + parsed.getHeader().getAlgorithm());
		}
		return decode(token, signed);
	}

	@Override
	public Jwt decode(String token, SignedJWT parsed) throws JwtException {
		Jwt jwt = createJwt(token, parsed);
		OAuth2TokenValidatorResult result;
		AuthFailure failure;
		if (this.validator instanceof ClassifyingTokenValidator classifying) {
			ClassifyingTokenValidator.Outcome outcome = classifying.check(jwt);
			result = outcome.result();
			failure = outcome.failure();
		}
		else {
			result = this.validator.validate(jwt);
			failure = null;
		}
		if (result.hasErrors()) {
			String description = result.getErrors().iterator().next().getDescription();
			throw new RejectedJwtValidationException((failure != null) ? failure : AuthFailure.BEARER_REJECTED_CLAIMS,
					String.format(DECODING_ERROR, description), result.getErrors());
		}
		return jwt;
	}

	private Jwt createJwt(String token, SignedJWT parsed) {
		try {
			JWTClaimsSet claimsSet = this.processor.process(parsed, null);
			Map<String, Object> claims = this.claimSetConverter.convert(claimsSet.getClaims());
			return new Jwt(token, (Instant) claims.get(JwtClaimNames.IAT), (Instant) claims.get(JwtClaimNames.EXP),
					parsed.getHeader().toJSONObject(), claims);
		}
		catch (RemoteKeySourceException ex) {
			// The keys could not be had: not the token's fault (answered 503, not 401).
			throw new JwtException(String.format(DECODING_ERROR,
					(ex.getCause() instanceof ParseException) ? "Malformed Jwk set" : ex.getMessage()), ex);
		}
		catch (JOSEException ex) {
			throw new JwtException(String.format(DECODING_ERROR, ex.getMessage()), ex);
		}
		catch (BadJWSException ex) {
			throw new RejectedJwtException(AuthFailure.BEARER_BAD_SIGNATURE,
					String.format(DECODING_ERROR, ex.getMessage()), ex);
		}
		catch (RejectedTypeException ex) {
			throw new RejectedJwtException(AuthFailure.BEARER_WRONG_TYPE,
					String.format(DECODING_ERROR, ex.getMessage()), ex);
		}
		catch (BadJOSEException ex) {
			// Nimbus: "Another algorithm expected, or no matching key(s) found".
			throw new RejectedJwtException(AuthFailure.BEARER_UNKNOWN_KEY,
					String.format(DECODING_ERROR, ex.getMessage()), ex);
		}
		catch (Exception ex) {
			throw new RejectedJwtException(AuthFailure.BEARER_MALFORMED, String.format(DECODING_ERROR,
					(ex.getCause() instanceof ParseException) ? "Malformed payload" : ex.getMessage()), ex);
		}
	}

}
