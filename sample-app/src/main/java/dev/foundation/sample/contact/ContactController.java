package dev.foundation.sample.contact;

import java.net.URI;
import java.util.UUID;

import dev.foundation.core.error.BadRequestException;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.web.RequireTenantRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contacts API, over the current tenant's contacts: readable by every member, changed by members and above
 * (viewers only read). Errors (unknown id, invalid fields, stale version, missing role) are problem+json, produced by
 * the foundation.
 */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts")
class ContactController {

	private final ContactService service;

	ContactController(ContactService service) {
		this.service = service;
	}

	@PostMapping
	@RequireTenantRole(TenantRole.MEMBER)
	@Operation(summary = "Create a contact")
	ResponseEntity<ContactResponse> create(@Valid @RequestBody ContactRequest request) {
		Contact contact = this.service.create(request);
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + contact.getId()))
			.eTag(Long.toString(contact.getVersion()))
			.body(ContactResponse.of(contact));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a contact")
	ResponseEntity<ContactResponse> get(@PathVariable UUID id) {
		Contact contact = this.service.get(id);
		return ResponseEntity.ok().eTag(Long.toString(contact.getVersion())).body(ContactResponse.of(contact));
	}

	@GetMapping
	@Operation(summary = "List contacts, optionally filtered by name")
	Page<ContactResponse> list(@RequestParam(required = false) @Nullable String name,
			@PageableDefault(size = 20) Pageable pageable) {
		return this.service.list(name, pageable).map(ContactResponse::of);
	}

	@PutMapping("/{id}")
	@RequireTenantRole(TenantRole.MEMBER)
	@Operation(summary = "Update a contact; If-Match must carry the version (ETag) last read")
	ResponseEntity<ContactResponse> update(@PathVariable UUID id, @RequestHeader("If-Match") String ifMatch,
			@Valid @RequestBody ContactRequest request) {
		Contact contact = this.service.update(id, parseVersion(ifMatch), request);
		return ResponseEntity.ok().eTag(Long.toString(contact.getVersion())).body(ContactResponse.of(contact));
	}

	@DeleteMapping("/{id}")
	@RequireTenantRole(TenantRole.MEMBER)
	@Operation(summary = "Delete a contact (kept as soft-deleted)")
	ResponseEntity<Void> delete(@PathVariable UUID id) {
		this.service.delete(id);
		return ResponseEntity.noContent().build();
	}

	private static long parseVersion(String ifMatch) {
		String value = ifMatch.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		value = value.replace("\"", "");
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new BadRequestException("If-Match must carry the contact's ETag, e.g. \"3\"");
		}
	}

}
