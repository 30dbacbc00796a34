package dev.foundation.tenancy.resolution;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import dev.foundation.core.auth.FoundationPrincipal;

import org.springframework.core.Ordered;

/**
 * Names the tenant by the first label of the host: {@code acme.example.com} names the
 * tenant with slug {@code acme} when the base domain is {@code example.com}. Hosts
 * outside the base domain, the base domain itself and deeper subdomains
 * ({@code a.b.example.com}) name no tenant.
 */
public final class SubdomainTenantResolver implements TenantResolver, Ordered {

	/** The order of this resolver unless configured otherwise. */
	public static final int DEFAULT_ORDER = 300;

	private final int order;

	private final String suffix;

	/**
	 * Creates the resolver.
	 * @param baseDomain the domain under which each tenant has its subdomain, e.g.
	 * {@code example.com}
	 * @param order where the resolver runs among the others
	 */
	public SubdomainTenantResolver(String baseDomain, int order) {
		this.order = order;
		String domain = Objects.requireNonNull(baseDomain, "baseDomain").strip().toLowerCase(Locale.ROOT);
		if (domain.startsWith(".")) {
			domain = domain.substring(1);
		}
		if (domain.isEmpty()) {
			throw new IllegalArgumentException("The base domain must not be empty");
		}
		this.suffix = "." + domain;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Optional<TenantCandidate> resolve(TenantRequest request, FoundationPrincipal principal) {
		String host = request.host().toLowerCase(Locale.ROOT);
		if (host.endsWith(".")) {
			host = host.substring(0, host.length() - 1);
		}
		if (!host.endsWith(this.suffix)) {
			return Optional.empty();
		}
		String label = host.substring(0, host.length() - this.suffix.length());
		if (label.indexOf('.') >= 0 || !TenantNames.isSlug(label)) {
			return Optional.empty();
		}
		return Optional.of(TenantCandidate.bySlug(label));
	}

}
