package dev.foundation.benchmarks;

import dev.foundation.crypto.EmailNormalizer;
import dev.foundation.crypto.PhoneNormalizer;
import dev.foundation.crypto.jpa.BlindIndex;
import dev.foundation.crypto.jpa.Encrypted;
import dev.foundation.tenancy.persistence.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/**
 * The encrypted side of {@link EncryptedListHttpBenchmark}: a contact like the sample's,
 * with e-mail and phone encrypted under the tenant's data key and their blind indexes in
 * sibling columns. Its table is {@code rls.contacts}.
 */
@Entity
@Table(name = "contacts")
public class EncryptedContact extends TenantOwnedEntity {

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

	protected EncryptedContact() {
		this.name = "";
	}

	EncryptedContact(String name, String email, String phone) {
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
