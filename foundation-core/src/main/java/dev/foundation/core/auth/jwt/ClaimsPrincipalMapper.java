package dev.foundation.core.auth.jwt;

import java.util.LinkedHashSet;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Tokens of a custom issuer, read through configured claim paths.
 */
public final class ClaimsPrincipalMapper implements PrincipalMapper {

	private final String userIdClaim;

	private final String emailClaim;

	private final @Nullable String tenantIdClaim;

	private final String rolesClaim;

	/**
	 * Creates the mapper.
	 * @param userIdClaim path of the user id
	 * @param emailClaim path of the e-mail address
	 * @param tenantIdClaim path of the tenant id, or {@code null}
	 * @param rolesClaim path of the roles
	 */
	public ClaimsPrincipalMapper(String userIdClaim, String emailClaim, @Nullable String tenantIdClaim,
			String rolesClaim) {
		this.userIdClaim = userIdClaim;
		this.emailClaim = emailClaim;
		this.tenantIdClaim = tenantIdClaim;
		this.rolesClaim = rolesClaim;
	}

	@Override
	public FoundationPrincipal map(Jwt jwt) {
		String userId = ClaimPath.readString(jwt.getClaims(), this.userIdClaim);
		if (userId == null) {
			throw new BadJwtException("Token has no '" + this.userIdClaim + "' claim");
		}
		return new FoundationPrincipal(userId, AuthProvider.CUSTOM, String.valueOf(jwt.getClaimAsString("iss")),
				ClaimPath.readString(jwt.getClaims(), this.emailClaim),
				ClaimPath.readString(jwt.getClaims(), this.tenantIdClaim),
				new LinkedHashSet<>(ClaimPath.readStrings(jwt.getClaims(), this.rolesClaim)), null, jwt.getClaims());
	}

}
