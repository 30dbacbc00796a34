package dev.foundation.benchmarks;

import dev.foundation.tenancy.persistence.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The tenant-owned entity read by {@link TenancyReadBenchmark}. Its table is
 * {@code notes} in the schema each application variant names ({@code rls} or
 * {@code plain}, see {@link TenancyDatabase}).
 */
@Entity
@Table(name = "notes")
public class TenantNote extends TenantOwnedEntity {

	@Column(name = "body", nullable = false)
	private String body;

	protected TenantNote() {
		this.body = "";
	}

	public String getBody() {
		return this.body;
	}

	public void setBody(String body) {
		this.body = body;
	}

}
