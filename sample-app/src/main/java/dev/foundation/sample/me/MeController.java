package dev.foundation.sample.me;

import java.util.Set;
import java.util.TreeSet;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.context.RequestContexts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is, as the foundation normalized it from whichever provider issued the
 * token.
 */
@RestController
@Tag(name = "Me")
class MeController {

	@GetMapping("/api/v1/me")
	@Operation(summary = "The authenticated caller")
	Me me(@AuthenticationPrincipal FoundationPrincipal principal) {
		return new Me(principal.userId(), principal.provider(), principal.issuer(), principal.email(),
				principal.tenantId(), new TreeSet<>(principal.roles()), RequestContexts.current().userId());
	}

	/**
	 * The caller.
	 *
	 * @param userId the user id at the provider
	 * @param provider the kind of provider
	 * @param issuer the token's issuer
	 * @param email the e-mail address
	 * @param tenantId the tenant the token names
	 * @param roles the foundation roles
	 * @param contextUserId the user id in the request context (and the logs)
	 */
	record Me(String userId, AuthProvider provider, String issuer, @Nullable String email, @Nullable String tenantId,
			Set<String> roles, @Nullable String contextUserId) {

	}

}
