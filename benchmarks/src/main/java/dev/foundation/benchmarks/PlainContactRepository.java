package dev.foundation.benchmarks;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data's repository of {@link PlainContact}; the benchmark lists with the
 * inherited {@code findAll(Sort)}, in Spring Data's read-only transaction.
 */
public interface PlainContactRepository extends JpaRepository<PlainContact, UUID> {

}
