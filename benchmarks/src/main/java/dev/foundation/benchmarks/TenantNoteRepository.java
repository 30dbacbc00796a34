package dev.foundation.benchmarks;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Spring Data's repository of {@link TenantNote}. The benchmark uses only inherited CRUD
 * methods ({@code findAll(Sort)}, {@code findById}), which Spring Data runs in a
 * read-only transaction with RLS on and off alike; declared query methods would be
 * transactional only where the foundation's isolation is on.
 */
public interface TenantNoteRepository extends JpaRepository<TenantNote, UUID> {

}
