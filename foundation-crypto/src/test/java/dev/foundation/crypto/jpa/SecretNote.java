package dev.foundation.crypto.jpa;

import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.PhoneNormalizer;
import dev.foundation.tenancy.persistence.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A tenant-owned entity with encrypted attributes, for the JPA tests. */
@Entity
@Table(name = "secret_notes")
class SecretNote extends TenantOwnedEntity {

	@Column(name = "title", nullable = false)
	private String title;

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

	@Encrypted
	@Column(name = "document")
	private byte @Nullable [] document;

	protected SecretNote() {
		this.title = "";
	}

	SecretNote(String title, @Nullable String email, @Nullable String phone, byte @Nullable [] document) {
		this.title = title;
		this.email = email;
		this.phone = phone;
		this.document = document;
	}

	String getTitle() {
		return this.title;
	}

	void setTitle(String title) {
		this.title = title;
	}

	@Nullable String getEmail() {
		return this.email;
	}

	void setEmail(@Nullable String email) {
		this.email = email;
	}

	@Nullable String getEmailIndex() {
		return this.emailIndex;
	}

	@Nullable String getPhone() {
		return this.phone;
	}

	byte @Nullable [] getDocument() {
		return this.document;
	}

}
