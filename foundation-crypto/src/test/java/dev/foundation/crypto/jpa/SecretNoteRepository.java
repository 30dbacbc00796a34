package dev.foundation.crypto.jpa;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface SecretNoteRepository extends JpaRepository<SecretNote, UUID> {

	List<SecretNote> findByEmailIndexIn(Collection<String> values);

	List<SecretNote> findByPhoneIndexIn(Collection<String> values);

}
