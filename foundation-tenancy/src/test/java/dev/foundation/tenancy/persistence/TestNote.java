package dev.foundation.tenancy.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A tenant-owned entity of {@link TenantOwnedEntityIntegrationTests}. */
@Entity
@Table(name = "tenant_notes")
class TestNote extends TenantOwnedEntity {

	@Column(name = "body", nullable = false)
	private String body;

	protected TestNote() {
		this.body = "";
	}

	TestNote(String body) {
		this.body = body;
	}

	String getBody() {
		return this.body;
	}

	void setBody(String body) {
		this.body = body;
	}

}
