package dev.foundation.sample.contact;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * The contacts, of the current tenant only (the tenant filter). The list scrolls through
 * {@link JpaSpecificationExecutor}'s fluent query (see {@link ContactService#list}).
 */
interface ContactRepository extends JpaRepository<Contact, UUID>, JpaSpecificationExecutor<Contact> {

	Optional<Contact> findFirstByPhoneOrderByCreatedAtAsc(String phone);

}
