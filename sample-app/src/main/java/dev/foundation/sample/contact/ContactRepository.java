package dev.foundation.sample.contact;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * The contacts, of the current tenant only (the tenant filter). The list scrolls through
 * {@link JpaSpecificationExecutor}'s fluent query (see {@link ContactService#list}).
 */
interface ContactRepository extends JpaRepository<Contact, UUID>, JpaSpecificationExecutor<Contact> {

	/**
	 * Finds the oldest contact whose phone's blind index is one of the values (one per
	 * live key version, from BlindIndexLookup).
	 */
	Optional<Contact> findFirstByPhoneIndexInOrderByCreatedAtAsc(Collection<String> phoneIndexes);

	/**
	 * Finds the contacts whose e-mail's blind index is one of the values, newest first.
	 */
	List<Contact> findByEmailIndexInOrderByCreatedAtDesc(Collection<String> emailIndexes);

}
