package dev.foundation.core.auth.jwt;

import com.nimbusds.jose.proc.BadJOSEException;

/**
 * The JOSE {@code typ} of a token is not accepted; told apart from Nimbus's other
 * refusals for {@code foundation.auth.failures}.
 */
final class RejectedTypeException extends BadJOSEException {

	RejectedTypeException(String message) {
		super(message);
	}

}
