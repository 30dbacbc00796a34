package dev.foundation.sample.contact;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A contact as the API returns it.
 *
 * @param id the contact's id
 * @param name the name
 * @param email the e-mail address
 * @param phone the phone number
 * @param company the company
 * @param version the version to send back in {@code If-Match} when updating
 * @param createdAt when it was created
 * @param updatedAt when it was last changed
 */
public record ContactResponse(@Nullable UUID id, String name, @Nullable String email, @Nullable String phone,
		@Nullable String company, long version, @Nullable Instant createdAt, @Nullable Instant updatedAt) {

	public static ContactResponse of(Contact contact) {
		return new ContactResponse(contact.getId(), contact.getName(), contact.getEmail(), contact.getPhone(),
				contact.getCompany(), contact.getVersion(), contact.getCreatedAt(), contact.getUpdatedAt());
	}

}
