package dev.foundation.sample.contact;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The current tenant's contact figures, cached in {@value #CACHE} (a cache of the
 * foundation: its keys are scoped by the tenant bound to the request, so one tenant's
 * count is never served to another). {@link ContactService} bumps the tenant's namespace
 * when a contact is created or deleted, on every instance, after the commit.
 */
@Service
public class ContactStatsService {

	/**
	 * The cache's name (settings under {@code foundation.cache.caches.contact-stats}).
	 */
	public static final String CACHE = "contact-stats";

	private final ContactRepository contacts;

	ContactStatsService(ContactRepository contacts) {
		this.contacts = contacts;
	}

	@Cacheable(CACHE)
	@Transactional(readOnly = true)
	public ContactStats stats() {
		return new ContactStats(this.contacts.count());
	}

}
