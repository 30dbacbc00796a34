package dev.foundation.sample.contact;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import dev.foundation.audit.Audited;
import dev.foundation.core.error.ConflictException;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.core.paging.CursorRequest;
import dev.foundation.core.paging.KeysetOrder;
import dev.foundation.core.paging.jpa.KeysetScroll;
import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.jpa.BlindIndexLookup;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts: create, read, update with optimistic locking, soft delete. Every change is
 * audited ({@link Audited}): the success event commits with the change, a failure (or a
 * rollback) leaves a failure event.
 */
@Service
@Transactional
public class ContactService {

	/**
	 * The list's order: newest first, the id (a UUIDv7) breaking ties between contacts
	 * created in the same microsecond. Served by the index contacts_tenant_created_idx
	 * (V3 migration).
	 */
	static final KeysetOrder NEWEST_FIRST = KeysetOrder.descending("createdAt", Instant.class)
		.thenDescending("id", UUID.class);

	private static final EmailNormalizer EMAIL = new EmailNormalizer();

	private final ContactRepository contacts;

	private final ApplicationEventPublisher events;

	private final BlindIndexLookup blindIndexes;

	ContactService(ContactRepository contacts, ApplicationEventPublisher events, BlindIndexLookup blindIndexes) {
		this.contacts = contacts;
		this.events = events;
		this.blindIndexes = blindIndexes;
	}

	@Audited(action = "contact.create", resource = "contact", resourceId = "#result?.getId()")
	@CacheEvict(cacheNames = ContactStatsService.CACHE, allEntries = true)
	public Contact create(ContactRequest request) {
		Contact contact = this.contacts
			.save(new Contact(request.name(), request.email(), request.phone(), request.company()));
		this.events.publishEvent(new ContactCreated(Objects.requireNonNull(contact.getId())));
		return contact;
	}

	/**
	 * Finds the current tenant's contact with this phone number, or creates one named
	 * after the number.
	 * @param phone the number, in E.164 form
	 * @return the contact
	 */
	public Contact findOrCreateByPhone(String phone) {
		return this.contacts
			.findFirstByPhoneIndexInOrderByCreatedAtAsc(this.blindIndexes.values(Contact.class, "phone", phone))
			.filter((contact) -> phone.equals(contact.getPhone()))
			.orElseGet(() -> create(new ContactRequest(phone, null, phone, null)));
	}

	/**
	 * Finds the current tenant's contacts with this e-mail address (any case, surrounding
	 * spaces ignored) through the blind index, without decrypting the table.
	 * @param email the address
	 * @return the contacts, newest first
	 */
	@Transactional(readOnly = true)
	public List<Contact> findByEmail(String email) {
		String normalized = EMAIL.normalize(email);
		// The index is a truncated HMAC: confirm each match on the decrypted value.
		return this.contacts
			.findByEmailIndexInOrderByCreatedAtDesc(this.blindIndexes.values(Contact.class, "email", email))
			.stream()
			.filter((contact) -> {
				String stored = contact.getEmail();
				return stored != null && normalized.equals(EMAIL.normalize(stored));
			})
			.toList();
	}

	@Transactional(readOnly = true)
	public Contact get(UUID id) {
		return this.contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact " + id + " does not exist"));
	}

	/**
	 * Returns one page of the current tenant's contacts, newest first, without counting
	 * them.
	 * @param name a part of the name to filter by, any case, or {@code null}
	 * @param request the cursor and size
	 * @return the page, with the position after its last contact
	 * @throws dev.foundation.core.error.BadRequestException if the cursor is malformed or
	 * from another list
	 */
	@Transactional(readOnly = true)
	public Window<Contact> list(@Nullable String name, CursorRequest request) {
		PredicateSpecification<Contact> filter = (name == null || name.isBlank())
				? PredicateSpecification.unrestricted() : nameContains(name);
		return KeysetScroll.scroll(this.contacts, filter, NEWEST_FIRST, request);
	}

	private static PredicateSpecification<Contact> nameContains(String part) {
		// The client's % and _ are text, not wildcards.
		String escaped = part.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return (from, builder) -> builder.like(builder.lower(from.get("name")), "%" + escaped + "%", '\\');
	}

	@Audited(action = "contact.update", resource = "contact")
	public Contact update(UUID id, long expectedVersion, ContactRequest request) {
		Contact contact = get(id);
		if (contact.getVersion() != expectedVersion) {
			throw new ConflictException("Contact " + id + " was changed by someone else; reload it and try again");
		}
		contact.update(request.name(), request.email(), request.phone(), request.company());
		return this.contacts.saveAndFlush(contact);
	}

	@Audited(action = "contact.delete", resource = "contact")
	@CacheEvict(cacheNames = ContactStatsService.CACHE, allEntries = true)
	public void delete(UUID id) {
		this.contacts.delete(get(id));
	}

}
