package dev.foundation.core.auth.jwt;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.foundation.core.auth.AuthProvider;
import dev.foundation.core.auth.FoundationPrincipal;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Clerk session tokens, both formats: v1 ({@code org_id}, {@code org_role} like
 * {@code org:admin}, {@code org_slug}) and v2 ({@code v: 2}, {@code o: {id, rol, slg}}
 * with roles without the {@code org:} prefix). The active organization becomes the tenant
 * id; {@code fva} (minutes since first and second factor) becomes the time of the last
 * second-factor verification.
 */
public final class ClerkPrincipalMapper implements PrincipalMapper {

	private final Map<String, String> roleMapping;

	/**
	 * Creates the mapper.
	 * @param roleMapping organization roles (with their {@code org:} prefix) to
	 * foundation roles
	 */
	public ClerkPrincipalMapper(Map<String, String> roleMapping) {
		this.roleMapping = Map.copyOf(roleMapping);
	}

	@Override
	public FoundationPrincipal map(Jwt jwt) {
		String subject = jwt.getSubject();
		if (subject == null || subject.isBlank()) {
			throw new BadJwtException("Token has no subject");
		}
		Map<String, Object> claims = jwt.getClaims();
		String tenantId;
		String role;
		if (claims.get("o") instanceof Map<?, ?>) {
			tenantId = ClaimPath.readString(claims, "o.id");
			String v2Role = ClaimPath.readString(claims, "o.rol");
			role = (v2Role != null) ? "org:" + v2Role : null;
		}
		else {
			tenantId = ClaimPath.readString(claims, "org_id");
			role = ClaimPath.readString(claims, "org_role");
		}
		Set<String> roles = new LinkedHashSet<>();
		if (role != null) {
			roles.add(this.roleMapping.getOrDefault(role, role.startsWith("org:") ? role.substring(4) : role));
		}
		return new FoundationPrincipal(subject, AuthProvider.CLERK, String.valueOf(jwt.getClaimAsString("iss")),
				ClaimPath.readString(claims, "email"), tenantId, roles, secondFactorTime(jwt), claims);
	}

	// fva = [minutes since first factor, minutes since second factor]; -1 means never.
	private static @Nullable Instant secondFactorTime(Jwt jwt) {
		if (!(jwt.getClaims().get("fva") instanceof List<?> fva) || fva.size() < 2
				|| !(fva.get(1) instanceof Number minutes) || minutes.longValue() < 0) {
			return null;
		}
		Instant issuedAt = (jwt.getIssuedAt() != null) ? jwt.getIssuedAt() : Instant.now();
		return issuedAt.minusSeconds(minutes.longValue() * 60);
	}

}
