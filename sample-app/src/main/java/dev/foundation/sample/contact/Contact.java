package dev.foundation.sample.contact;

import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.PhoneNormalizer;
import dev.foundation.crypto.jpa.BlindIndex;
import dev.foundation.crypto.jpa.Encrypted;
import dev.foundation.tenancy.persistence.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.SoftDelete;
import org.hibernate.annotations.SoftDeleteType;
import org.jspecify.annotations.Nullable;

/**
 * A person the CRM keeps track of, owned by one tenant (Hibernate adds the tenant to
 * every query, and row-level security refuses other tenants' rows to any SQL). Deleting a
 * contact keeps its row (soft deletion). E-mail and phone are encrypted at rest under the
 * tenant's key and searchable by exact value through their blind indexes.
 */
@Entity
@Table(name = "contacts")
@SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
public class Contact extends TenantOwnedEntity {

	@Column(name = "name", nullable = false)
	private String name;

	@Encrypted
	@Column(name = "email")
	private @Nullable String email;

	@BlindIndex(of = "email", normalizer = EmailNormalizer.class)
	@Column(name = "email_index")
	private @Nullable String emailIndex;

	@Encrypted
	@Column(name = "phone")
	private @Nullable String phone;

	@BlindIndex(of = "phone", normalizer = PhoneNormalizer.class)
	@Column(name = "phone_index")
	private @Nullable String phoneIndex;

	@Column(name = "company")
	private @Nullable String company;

	protected Contact() {
		this.name = "";
	}

	public Contact(String name, @Nullable String email, @Nullable String phone, @Nullable String company) {
		this.name = name;
		this.email = email;
		this.phone = phone;
		this.company = company;
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

	public @Nullable String getCompany() {
		return this.company;
	}

	void update(String name, @Nullable String email, @Nullable String phone, @Nullable String company) {
		this.name = name;
		this.email = email;
		this.phone = phone;
		this.company = company;
	}

}
