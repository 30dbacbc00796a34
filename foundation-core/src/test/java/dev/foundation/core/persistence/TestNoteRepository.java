package dev.foundation.core.persistence;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface TestNoteRepository extends JpaRepository<TestNote, UUID> {

	List<TestNote> findByText(String text);

	@Query("select n from TestNote n where n.text like :prefix%")
	List<TestNote> findStartingWith(String prefix);

}
