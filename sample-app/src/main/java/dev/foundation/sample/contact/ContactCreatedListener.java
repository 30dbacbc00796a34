package dev.foundation.sample.contact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Starts a welcome sequence for a new contact, after the creating transaction committed
 * and on another thread. The request context travels with the task (correlation id, user
 * and tenant), so the contact is read in its tenant: without the tenant, row-level
 * security and the Hibernate filter would both hide it.
 */
@Component
class ContactCreatedListener {

	private static final Logger logger = LoggerFactory.getLogger(ContactCreatedListener.class);

	private final ContactRepository contacts;

	ContactCreatedListener(ContactRepository contacts) {
		this.contacts = contacts;
	}

	@Async
	@TransactionalEventListener
	void onContactCreated(ContactCreated event) {
		boolean visible = this.contacts.findById(event.contactId()).isPresent();
		logger.info("Contact {} created; welcome sequence {}", event.contactId(),
				visible ? "scheduled" : "skipped: the contact is not visible in this tenant");
	}

}
