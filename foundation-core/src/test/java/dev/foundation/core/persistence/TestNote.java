package dev.foundation.core.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A soft-deletable entity of {@link BaseEntityIntegrationTests}; it inherits
 * {@code @SoftDelete}.
 */
@Entity
@Table(name = "test_note")
class TestNote extends SoftDeletableEntity {

	@Column(name = "text", nullable = false)
	private String text;

	protected TestNote() {
		this.text = "";
	}

	TestNote(String text) {
		this.text = text;
	}

	String getText() {
		return this.text;
	}

}
