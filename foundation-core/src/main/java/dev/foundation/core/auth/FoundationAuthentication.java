package dev.foundation.core.auth;

import java.util.Collection;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication the foundation puts in Spring Security's context: its principal is
 * the normalized {@link FoundationPrincipal} (so
 * {@code @AuthenticationPrincipal FoundationPrincipal principal} works), and each
 * foundation role is a {@code ROLE_<role>} authority (so {@code hasRole("admin")} works).
 */
public class FoundationAuthentication extends AbstractAuthenticationToken {

	private final FoundationPrincipal principal;

	private final @Nullable Object credentials;

	/**
	 * Creates an authenticated token.
	 * @param principal the caller
	 * @param credentials what proved it (the decoded JWT), never a raw secret
	 */
	public FoundationAuthentication(FoundationPrincipal principal, @Nullable Object credentials) {
		super(authorities(principal));
		this.principal = principal;
		this.credentials = credentials;
		setAuthenticated(true);
	}

	private static Collection<GrantedAuthority> authorities(FoundationPrincipal principal) {
		return principal.roles()
			.stream()
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role))
			.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public FoundationPrincipal getPrincipal() {
		return this.principal;
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.credentials;
	}

	@Override
	public String getName() {
		return this.principal.userId();
	}

}
