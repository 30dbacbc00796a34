package dev.foundation.sample.contact;

import java.util.Objects;
import java.util.UUID;

import dev.foundation.core.error.ConflictException;
import dev.foundation.core.error.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts: create, read, update with optimistic locking, soft delete.
 */
@Service
@Transactional
public class ContactService {

	private final ContactRepository contacts;

	private final ApplicationEventPublisher events;

	ContactService(ContactRepository contacts, ApplicationEventPublisher events) {
		this.contacts = contacts;
		this.events = events;
	}

	public Contact create(ContactRequest request) {
		Contact contact = this.contacts
			.save(new Contact(request.name(), request.email(), request.phone(), request.company()));
		this.events.publishEvent(new ContactCreated(Objects.requireNonNull(contact.getId())));
		return contact;
	}

	/**
	 * Finds the current tenant's contact with this phone number, or creates one named after the number.
	 * @param phone the number, in E.164 form
	 * @return the contact
	 */
	public Contact findOrCreateByPhone(String phone) {
		return this.contacts.findFirstByPhoneOrderByCreatedAtAsc(phone)
			.orElseGet(() -> create(new ContactRequest(phone, null, phone, null)));
	}

	@Transactional(readOnly = true)
	public Contact get(UUID id) {
		return this.contacts.findById(id).orElseThrow(() -> new NotFoundException("Contact " + id + " does not exist"));
	}

	@Transactional(readOnly = true)
	public Page<Contact> list(@Nullable String name, Pageable pageable) {
		return (name == null || name.isBlank()) ? this.contacts.findAll(pageable)
				: this.contacts.findByNameContainingIgnoreCase(name, pageable);
	}

	public Contact update(UUID id, long expectedVersion, ContactRequest request) {
		Contact contact = get(id);
		if (contact.getVersion() != expectedVersion) {
			throw new ConflictException("Contact " + id + " was changed by someone else; reload it and try again");
		}
		contact.update(request.name(), request.email(), request.phone(), request.company());
		return this.contacts.saveAndFlush(contact);
	}

	public void delete(UUID id) {
		this.contacts.delete(get(id));
	}

}
