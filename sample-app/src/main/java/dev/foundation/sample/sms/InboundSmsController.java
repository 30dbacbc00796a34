package dev.foundation.sample.sms;

import java.util.regex.Pattern;

import dev.foundation.core.error.BadRequestException;
import dev.foundation.sample.contact.Contact;
import dev.foundation.sample.contact.ContactResponse;
import dev.foundation.sample.contact.ContactService;
import dev.foundation.tenancy.TenantRole;
import dev.foundation.tenancy.web.RequireTenantRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An inbound SMS webhook: the message's sender becomes (or already is) a contact of the
 * tenant owning the called number. A real provider's webhook would be authenticated by
 * its signature and run as a service member of the tenant; here the caller's token stands
 * in for that.
 */
@RestController
@Tag(name = "Inbound SMS")
class InboundSmsController {

	static final String PATH = "/api/v1/inbound-sms";

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

	private static final Logger logger = LoggerFactory.getLogger(InboundSmsController.class);

	private final ContactService contacts;

	InboundSmsController(ContactService contacts) {
		this.contacts = contacts;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	@RequireTenantRole(TenantRole.MEMBER)
	@Operation(summary = "Receive an SMS (form fields From, To, Body); the tenant is the owner of the called number")
	ContactResponse receive(@RequestParam("From") String from, @RequestParam("To") String to,
			@RequestParam(name = "Body", defaultValue = "") String body) {
		if (!E164.matcher(from).matches()) {
			throw new BadRequestException("From must be a phone number in E.164 form");
		}
		Contact contact = this.contacts.findOrCreateByPhone(from);
		logger.info("SMS of {} characters received for contact {}", body.length(), contact.getId());
		return ContactResponse.of(contact);
	}

}
