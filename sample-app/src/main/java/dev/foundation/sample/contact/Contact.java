package dev.foundation.sample.contact;

import dev.foundation.core.persistence.SoftDeletableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * A person the CRM keeps track of. Deleting a contact keeps its row (soft deletion).
 */
@Entity
@Table(name = "contacts")
public class Contact extends SoftDeletableEntity {

	@Column(name = "name", nullable = false)
	private String name;

	@Column(name = "email")
	private @Nullable String email;

	@Column(name = "phone")
	private @Nullable String phone;

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
