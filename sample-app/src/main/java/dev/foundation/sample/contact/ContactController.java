package dev.foundation.sample.contact;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.foundation.core.error.BadRequestException;
import dev.foundation.core.paging.CursorPage;
import dev.foundation.core.paging.CursorRequest;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.web.RequireTenantRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;
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
 * The contacts API, over the current tenant's contacts: readable by every member, changed
 * by members and above (viewers only read). Errors (unknown id, invalid fields, stale
 * version, missing role) are problem+json, produced by the foundation.
 */
@RestController
@RequestMapping("/api/v1/contacts")
@Tag(name = "Contacts")
class ContactController {

	/**
	 * The one order of the list, newest first (ContactService.NEWEST_FIRST), as ?sort=
	 * may name it.
	 */
	private static final String ONLY_SORT = "createdAt,desc";

	private final ContactService service;

	private final ContactStatsService stats;

	ContactController(ContactService service, ContactStatsService stats) {
		this.service = service;
		this.stats = stats;
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

	@GetMapping("/stats")
	@Operation(summary = "Count the tenant's contacts (cached per tenant, bumped on create and delete)")
	ContactStats stats() {
		return this.stats.stats();
	}

	@GetMapping("/{id}")
	@Operation(summary = "Get a contact")
	ResponseEntity<ContactResponse> get(@PathVariable UUID id) {
		Contact contact = this.service.get(id);
		return ResponseEntity.ok().eTag(Long.toString(contact.getVersion())).body(ContactResponse.of(contact));
	}

	@GetMapping
	@Operation(summary = "List contacts, newest first, optionally filtered by name",
			description = "Cursor-paginated: pass the page's 'next' as ?cursor= for the following page; 'next' is "
					+ "null on the last page. There is no total count.")
	CursorPage<ContactResponse> list(
			@Parameter(description = "Part of the name, any case") @RequestParam(
					required = false) @Nullable String name,
			@Parameter(in = ParameterIn.QUERY,
					description = "Only 'createdAt,desc', the one order of this list; "
							+ "accepted for clients written against page-numbered lists") @RequestParam(
									required = false) @Nullable String sort,
			@ParameterObject CursorRequest page) {
		if (sort != null && !ONLY_SORT.equalsIgnoreCase(sort)) {
			throw new BadRequestException(
					"The contacts are listed newest first only: sort may only be '" + ONLY_SORT + "'");
		}
		return CursorPage.of(this.service.list(name, page), ContactResponse::of);
	}

	@GetMapping("/by-email")
	@Operation(summary = "Find contacts by exact e-mail address (any case)",
			description = "Searches the encrypted e-mail column through its blind index: the database is never "
					+ "asked to compare plaintext.")
	List<ContactResponse> findByEmail(@RequestParam String email) {
		return this.service.findByEmail(email).stream().map(ContactResponse::of).toList();
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
