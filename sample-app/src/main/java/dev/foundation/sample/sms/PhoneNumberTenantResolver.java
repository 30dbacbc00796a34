package dev.foundation.sample.sms;

import java.util.Map;
import java.util.Optional;

import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.tenancy.resolution.TenantCandidate;
import dev.foundation.tenancy.resolution.TenantRequest;
import dev.foundation.tenancy.resolution.TenantResolver;

/**
 * Names the tenant owning the number an inbound SMS was sent to (the {@code To} parameter
 * of the webhook), from {@code sample.phone-numbers}. It only names the tenant: the
 * foundation still checks that the caller is a member of it and that it is active.
 */
final class PhoneNumberTenantResolver implements TenantResolver {

	private final Map<String, String> tenantSlugsByNumber;

	PhoneNumberTenantResolver(Map<String, String> tenantSlugsByNumber) {
		this.tenantSlugsByNumber = Map.copyOf(tenantSlugsByNumber);
	}

	@Override
	public Optional<TenantCandidate> resolve(TenantRequest request, FoundationPrincipal principal) {
		if (!InboundSmsController.PATH.equals(request.path())) {
			return Optional.empty();
		}
		String called = request.parameter("To");
		return Optional.ofNullable((called != null) ? this.tenantSlugsByNumber.get(called.strip()) : null)
			.map(TenantCandidate::bySlug);
	}

}
