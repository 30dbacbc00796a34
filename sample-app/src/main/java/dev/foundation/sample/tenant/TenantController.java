package dev.foundation.sample.tenant;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import dev.foundation.core.auth.FoundationPrincipal;
import dev.foundation.core.auth.UserIdentity;
import dev.foundation.core.error.BadRequestException;
import dev.foundation.core.error.ForbiddenException;
import dev.foundation.tenancy.Membership;
import dev.foundation.tenancy.Tenant;
import dev.foundation.tenancy.TenantDirectory;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.resolution.CurrentTenant;
import dev.foundation.tenancy.web.RequireTenantRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenants and their members. Anyone signed in may create a tenant and becomes its owner;
 * the current tenant (named by the token or the {@code X-Tenant-Id} header) is readable
 * by its members, and its members are managed by its owners and admins, an owner's
 * membership only by owners.
 */
@RestController
@Tag(name = "Tenants")
class TenantController {

	private final TenantDirectory directory;

	TenantController(TenantDirectory directory) {
		this.directory = directory;
	}

	@PostMapping("/api/v1/tenants")
	@Operation(summary = "Create a tenant; the caller becomes its owner")
	ResponseEntity<TenantResponse> create(@AuthenticationPrincipal FoundationPrincipal principal,
			@Valid @RequestBody CreateTenantRequest request) {
		Tenant tenant = this.directory.create(request.slug(), request.name(), principal.identity());
		return ResponseEntity.created(URI.create("/api/v1/tenant")).body(TenantResponse.of(tenant, TenantRole.OWNER));
	}

	@GetMapping("/api/v1/tenant")
	@Operation(summary = "The current tenant and the caller's role in it")
	TenantResponse current() {
		return TenantResponse.of(CurrentTenant.require(), CurrentTenant.membership().orElseThrow().role());
	}

	@GetMapping("/api/v1/tenant/members")
	@RequireTenantRole(TenantRole.ADMIN)
	@Operation(summary = "Members of the current tenant (owners and admins)")
	List<MemberResponse> members() {
		return this.directory.members(CurrentTenant.require().id()).stream().map(MemberResponse::of).toList();
	}

	@PutMapping("/api/v1/tenant/members/{userId}")
	@RequireTenantRole(TenantRole.ADMIN)
	@Operation(summary = "Add a member or change a member's role (owners and admins; owner roles by owners); the "
			+ "user is of the caller's issuer unless the issuer parameter names another")
	MemberResponse grant(@AuthenticationPrincipal FoundationPrincipal principal, @PathVariable String userId,
			@RequestParam(required = false) @Nullable String issuer, @Valid @RequestBody MemberRequest request) {
		TenantRole role = TenantRole.parse(request.role())
			.orElseThrow(() -> new BadRequestException("role must be one of owner, admin, member, viewer"));
		Tenant tenant = CurrentTenant.require();
		UserIdentity user = user(principal, userId, issuer);
		if (role == TenantRole.OWNER || isOwner(tenant, user)) {
			requireOwner("Only owners grant or change an owner's role");
		}
		return MemberResponse.of(this.directory.grant(tenant.id(), user, role));
	}

	@DeleteMapping("/api/v1/tenant/members/{userId}")
	@RequireTenantRole(TenantRole.ADMIN)
	@Operation(summary = "Remove a member (owners and admins; owners by owners; the last owner stays); the user is "
			+ "of the caller's issuer unless the issuer parameter names another")
	ResponseEntity<Void> revoke(@AuthenticationPrincipal FoundationPrincipal principal, @PathVariable String userId,
			@RequestParam(required = false) @Nullable String issuer) {
		Tenant tenant = CurrentTenant.require();
		UserIdentity user = user(principal, userId, issuer);
		if (isOwner(tenant, user)) {
			requireOwner("Only owners remove an owner");
		}
		this.directory.revoke(tenant.id(), user);
		return ResponseEntity.noContent().build();
	}

	// A user id means a user of the caller's own issuer unless another is named: ids are
	// unique per issuer only.
	private static UserIdentity user(FoundationPrincipal principal, String userId, @Nullable String issuer) {
		String userIssuer = (issuer == null || issuer.isBlank()) ? principal.issuer() : issuer;
		if (userIssuer.length() > 500 || userId.length() > 255) {
			throw new BadRequestException("userId or issuer is too long");
		}
		return new UserIdentity(userIssuer, userId);
	}

	private boolean isOwner(Tenant tenant, UserIdentity user) {
		return this.directory.membership(tenant.id(), user).map((m) -> m.role() == TenantRole.OWNER).orElse(false);
	}

	private static void requireOwner(String detail) {
		if (!CurrentTenant.membership().orElseThrow().grants(TenantRole.OWNER)) {
			throw new ForbiddenException(detail);
		}
	}

	record CreateTenantRequest(@NotBlank @Size(max = 63) String slug, @NotBlank @Size(max = 200) String name) {
	}

	record MemberRequest(@NotBlank String role) {
	}

	record TenantResponse(String id, String slug, String name, String status, String role) {

		static TenantResponse of(Tenant tenant, TenantRole role) {
			return new TenantResponse(tenant.id().toString(), tenant.slug(), tenant.name(),
					tenant.status().name().toLowerCase(Locale.ROOT), role.value());
		}

	}

	record MemberResponse(String userId, String issuer, String role, String since) {

		static MemberResponse of(Membership membership) {
			return new MemberResponse(membership.userId(), membership.user().issuer(), membership.role().value(),
					membership.createdAt().toString());
		}

	}

}
