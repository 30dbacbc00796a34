package dev.foundation.core.auth.jwt;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Supabase Auth access tokens: {@code sub}, {@code email}, tenant and roles from (by
 * default) {@code app_metadata}, which only the service role can write (unlike
 * {@code user_metadata}, which the user controls and is never trusted for authorization).
 */
public final class SupabasePrincipalMapper implements PrincipalMapper {

	private final String tenantIdClaim;

	private final String rolesClaim;

	/**
	 * Creates the mapper.
	 * @param tenantIdClaim dotted path of the tenant id
	 * @param rolesClaim dotted path of the roles
	 */
	public SupabasePrincipalMapper(String tenantIdClaim, String rolesClaim) {
		this.tenantIdClaim = tenantIdClaim;
		this.rolesClaim = rolesClaim;
	}

	@Override
	public FoundationPrincipal map(Jwt jwt) {
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new BadJwtException("Token has no subject");
		}
		Set<String> roles = new LinkedHashSet<>(ClaimPath.readStrings(jwt.getClaims(), this.rolesClaim));
		String email = ClaimPath.readString(jwt.getClaims(), "email");
		return new FoundationPrincipal(subject, AuthProvider.SUPABASE, String.valueOf(jwt.getClaimAsString("iss")),
				email, ClaimPath.readString(jwt.getClaims(), this.tenantIdClaim), roles, null, jwt.getClaims());
	}

}
