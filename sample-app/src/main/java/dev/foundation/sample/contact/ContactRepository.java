package dev.foundation.sample.contact;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ContactRepository extends JpaRepository<Contact, UUID> {

	Page<Contact> findByNameContainingIgnoreCase(String name, Pageable pageable);

	Optional<Contact> findFirstByPhoneOrderByCreatedAtAsc(String phone);

}
