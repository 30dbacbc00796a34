package dev.foundation.sample.devauth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.foundation.core.error.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
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
 * The development issuer's endpoints: its JWKS, and minting a token for any user, tenant
 * and roles. Exist only in the {@code local} profile and answer loopback callers only
 * (403 problem+json for others).
 */
@RestController
@Profile("local")
class DevTokenController {

	private final DevTokenIssuer issuer;

	DevTokenController(DevTokenIssuer issuer) {
		this.issuer = issuer;
	}

	@GetMapping("/dev/jwks.json")
	Map<String, Object> jwks(HttpServletRequest http) {
		requireLoopback(http);
		return this.issuer.publicJwks();
	}

	@PostMapping("/dev/tokens")
	TokenResponse mint(HttpServletRequest http, @Valid @RequestBody TokenRequest request) {
		requireLoopback(http);
		int ttl = (request.ttlSeconds() != null) ? request.ttlSeconds() : 3600;
		String token = this.issuer.mint(request.userId(), request.email(), request.tenantId(),
				(request.roles() != null) ? request.roles() : List.of(), Duration.ofSeconds(ttl));
		return new TokenResponse(token, "Bearer", ttl);
	}

	private static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
			"X-Real-IP", "Via");

	/**
	 * Refuses every caller but this machine. The address is the connection's peer (or
	 * what Tomcat's {@code RemoteIpValve} derived from trusted proxies' headers), and a
	 * request carrying any forwarding header is refused too: a reverse proxy on the same
	 * machine would otherwise make other hosts' requests look local. Still, never run
	 * this profile where others can reach it.
	 */
	private static void requireLoopback(HttpServletRequest request) {
		for (String header : FORWARDING_HEADERS) {
			if (request.getHeader(header) != null) {
				throw new ForbiddenException(
						"The development token issuer answers requests from this machine only, not through a proxy");
			}
		}
		String address = request.getRemoteAddr();
		boolean loopback;
		try {
			// A literal address (the servlet container's), so no name is looked up.
			loopback = address != null && address.matches("[0-9A-Fa-f:.%]+")
					&& InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			loopback = false;
		}
		if (!loopback) {
			throw new ForbiddenException("The development token issuer answers requests from this machine only");
		}
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
