package dev.foundation.sample.contact;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What a client sends to create or update a contact.
 *
 * @param name the contact's name
 * @param email an e-mail address
 * @param phone a phone number in E.164 form, e.g. +4915112345678
 * @param company the company the contact works for
 */
public record ContactRequest(@NotBlank @Size(max = 200) String name, @Email @Size(max = 320) @Nullable String email,
		@Pattern(regexp = "\\+[1-9][0-9]{6,14}",
				message = "must be in E.164 form, e.g. +4915112345678") @Nullable String phone,
		@Size(max = 200) @Nullable String company) {

}
