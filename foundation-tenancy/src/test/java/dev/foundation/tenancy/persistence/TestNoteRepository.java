package dev.foundation.tenancy.persistence;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

// No @Transactional here on purpose: the foundation runs declared query methods in a read-only transaction.
interface TestNoteRepository extends JpaRepository<TestNote, UUID> {

	List<TestNote> findByBody(String body);

	@Query("select n from TestNote n where n.body like concat(:prefix, '%')")
	List<TestNote> search(String prefix);

	@Transactional
	@Modifying
	@Query("update TestNote n set n.body = :body")
	int updateAllBodies(String body);

	@Transactional
	@Modifying
	@Query("delete from TestNote n")
	int deleteEverythingVisible();

}
