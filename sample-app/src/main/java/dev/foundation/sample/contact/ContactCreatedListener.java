package dev.foundation.sample.contact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Reacts to new contacts on another thread, after the transaction committed; its log line still carries the
 * request's correlation id, carried over by the foundation's context propagation.
 */
@Component
class ContactCreatedListener {

	private static final Logger logger = LoggerFactory.getLogger(ContactCreatedListener.class);

	@Async
	@TransactionalEventListener
	void onContactCreated(ContactCreated event) {
		logger.info("Contact {} created; welcome sequence scheduled", event.contactId());
	}

}
