package dev.foundation.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two list endpoints of {@link EncryptedListHttpBenchmark}: the caller's tenant's
 * contacts, newest first, as the same JSON, read from the encrypted table and from the
 * plain one.
 */
@RestController
class EncryptedContactsController {

	static final String ENCRYPTED = "/api/v1/contacts/encrypted";

	static final String PLAIN = "/api/v1/contacts/plain";

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Direction.DESC, "createdAt");

	private final EncryptedContactRepository encrypted;

	private final PlainContactRepository plain;

	EncryptedContactsController(EncryptedContactRepository encrypted, PlainContactRepository plain) {
		this.encrypted = encrypted;
		this.plain = plain;
	}

	@GetMapping(ENCRYPTED)
	List<ContactView> encrypted() {
		return this.encrypted.findAll(NEWEST_FIRST)
			.stream()
			.map((contact) -> new ContactView(contact.getId(), contact.getTenantId(), contact.getName(),
					contact.getEmail(), contact.getPhone(), contact.getCreatedAt()))
			.toList();
	}

	@GetMapping(PLAIN)
	List<ContactView> plain() {
		return this.plain.findAll(NEWEST_FIRST)
			.stream()
			.map((contact) -> new ContactView(contact.getId(), contact.getTenantId(), contact.getName(),
					contact.getEmail(), contact.getPhone(), contact.getCreatedAt()))
			.toList();
	}

	record ContactView(@Nullable UUID id, @Nullable UUID tenantId, String name, @Nullable String email,
			@Nullable String phone, @Nullable Instant createdAt) {

	}

}
