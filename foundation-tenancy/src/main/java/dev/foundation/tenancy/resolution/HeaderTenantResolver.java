package dev.foundation.tenancy.resolution;

import java.util.Objects;
import java.util.Optional;

import dev.foundation.core.auth.FoundationPrincipal;

import org.springframework.core.Ordered;
import dev.foundation.core.error.BadRequestException;

/**
 * Names the tenant a client chose with a header ({@code X-Tenant-Id} by default), by id
 * or slug. The header is the client's word only: {@link TenantResolution} accepts it only
 * for a member of the tenant, and only if it names the token's tenant when the token
 * carries one.
 * <p>
 * An absent header names no tenant; a header that is present but empty or blank is a bad
 * request, not "no tenant": a client (or a proxy that blanked the value) that sent the
 * header meant a tenant, and silently falling through to another resolver or to no tenant
 * would act in a tenant the client did not ask for.
 */
public final class HeaderTenantResolver implements TenantResolver, Ordered {

	/** The order of this resolver unless configured otherwise. */
	public static final int DEFAULT_ORDER = 200;

	private final int order;

	private final String headerName;

	/**
	 * Creates the resolver.
	 * @param headerName the header, e.g. {@code X-Tenant-Id}
	 * @param order where the resolver runs among the others
	 */
	public HeaderTenantResolver(String headerName, int order) {
		this.headerName = Objects.requireNonNull(headerName, "headerName");
		this.order = order;
	}

	/**
	 * Returns the header this resolver reads.
	 * @return the header name
	 */
	public String headerName() {
		return this.headerName;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public Optional<TenantCandidate> resolve(TenantRequest request, FoundationPrincipal principal) {
		String value = request.header(this.headerName);
		if (value == null) {
			return Optional.empty();
		}
		if (value.isBlank()) {
			throw new BadRequestException(
					this.headerName + " must not be empty; leave the header out to name no tenant");
		}
		String text = value.strip();
		Optional<TenantCandidate> byId = TenantNames.uuid(text).map(TenantCandidate::byId);
		if (byId.isPresent()) {
			return byId.map(TenantCandidate::fromHeader);
		}
		if (TenantNames.isSlug(text)) {
			return Optional.of(TenantCandidate.bySlug(text).fromHeader());
		}
		// The value is not echoed: it is client input.
		throw new BadRequestException(this.headerName + " must be a tenant id (a UUID) or a tenant slug");
	}

}
