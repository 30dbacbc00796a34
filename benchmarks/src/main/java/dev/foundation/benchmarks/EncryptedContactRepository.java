package dev.foundation.benchmarks;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data's repository of {@link EncryptedContact}; the benchmark lists with the
 * inherited {@code findAll(Sort)}, in Spring Data's read-only transaction.
 */
public interface EncryptedContactRepository extends JpaRepository<EncryptedContact, UUID> {

}
