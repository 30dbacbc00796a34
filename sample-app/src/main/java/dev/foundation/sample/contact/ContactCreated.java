package dev.foundation.sample.contact;

import java.util.UUID;

/**
 * Published after a contact was created.
 *
 * @param contactId the new contact's id
 */
public record ContactCreated(UUID contactId) {

}
