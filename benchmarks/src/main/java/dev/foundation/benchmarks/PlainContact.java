package dev.foundation.benchmarks;

import dev.foundation.tenancy.persistence.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The baseline of {@link EncryptedListHttpBenchmark}: the same contact as
 * {@link EncryptedContact} with e-mail and phone in plain text columns (and so no blind
 * indexes: a search would compare the columns). Its table is {@code rls.plain_contacts}.
 */
@Entity
@Table(name = "plain_contacts")
public class PlainContact extends TenantOwnedEntity {

	@Column(name = "name", nullable = false)
	private String name;

	@Column(name = "email")
	private @Nullable String email;

	@Column(name = "phone")
	private @Nullable String phone;

	protected PlainContact() {
		this.name = "";
	}

	PlainContact(String name, String email, String phone) {
		this.name = name;
		this.email = email;
		this.phone = phone;
	}

	public String getName() {
		return this.name;
	}

	public @Nullable String getEmail() {
		return this.email;
	}

	public @Nullable String getPhone() {
		return this.phone;
	}

}
