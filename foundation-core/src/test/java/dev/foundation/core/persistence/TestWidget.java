package dev.foundation.core.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A plain entity of {@link BaseEntityIntegrationTests}. */
@Entity
@Table(name = "test_widget")
class TestWidget extends BaseEntity {

	@Column(name = "name", nullable = false)
	private String name;

	protected TestWidget() {
		this.name = "";
	}

	TestWidget(String name) {
		this.name = name;
	}

	String getName() {
		return this.name;
	}

	void setName(String name) {
		this.name = name;
	}

}
