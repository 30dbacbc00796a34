package dev.foundation.sample.devauth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The development issuer's endpoints: its JWKS, and minting a token for any user, tenant and roles. Exists only in
 * the {@code local} profile.
 */
@RestController
@Profile("local")
class DevTokenController {

	private final DevTokenIssuer issuer;

	DevTokenController(DevTokenIssuer issuer) {
		this.issuer = issuer;
	}

	@GetMapping("/dev/jwks.json")
	Map<String, Object> jwks() {
		return this.issuer.publicJwks();
	}

	@PostMapping("/dev/tokens")
	TokenResponse mint(@Valid @RequestBody TokenRequest request) {
		int ttl = (request.ttlSeconds() != null) ? request.ttlSeconds() : 3600;
		String token = this.issuer.mint(request.userId(), request.email(), request.tenantId(),
				(request.roles() != null) ? request.roles() : List.of(), Duration.ofSeconds(ttl));
		return new TokenResponse(token, "Bearer", ttl);
	}

	/**
	 * What to put in the token.
	 *
	 * @param userId the subject
	 * @param email an e-mail address
	 * @param tenantId a tenant id claim
	 * @param roles foundation roles, e.g. admin
	 * @param ttlSeconds lifetime, 60 to 86400 seconds (default 3600)
	 */
	record TokenRequest(@NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._:@-]+") String userId,
			@Email @Nullable String email, @Size(max = 128) @Nullable String tenantId,
			@Nullable List<@Pattern(regexp = "[a-z][a-z0-9_-]{0,31}") String> roles,
			@Min(60) @Max(86400) @Nullable Integer ttlSeconds) {

	}

	/**
	 * The minted token, shaped like an OAuth2 token response.
	 *
	 * @param access_token the token
	 * @param token_type always Bearer
	 * @param expires_in lifetime in seconds
	 */
	record TokenResponse(String access_token, String token_type, int expires_in) {

	}

}
