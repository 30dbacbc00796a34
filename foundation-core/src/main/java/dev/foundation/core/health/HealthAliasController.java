package dev.foundation.core.health;

import org.springframework.boot.actuate.endpoint.ApiVersion;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves actuator's liveness and readiness groups at the application's own paths. The
 * answer (body and status, 503 when down) is actuator's, computed by its health endpoint.
 */
@RestController
public class HealthAliasController {

	private final HealthEndpointWebExtension health;

	/**
	 * Creates the controller.
	 * @param health actuator's health endpoint web extension
	 */
	public HealthAliasController(HealthEndpointWebExtension health) {
		this.health = health;
	}

	/**
	 * Answers like {@code /actuator/health/liveness}.
	 * @return the liveness group's health
	 */
	@GetMapping(path = "${foundation.health.public-aliases.liveness-path:/api/v1/public/health}",
			produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<HealthDescriptor> liveness() {
		return group("liveness");
	}

	/**
	 * Answers like {@code /actuator/health/readiness}.
	 * @return the readiness group's health
	 */
	@GetMapping(path = "${foundation.health.public-aliases.readiness-path:/api/v1/public/health/ready}",
			produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<HealthDescriptor> readiness() {
		return group("readiness");
	}

	private ResponseEntity<HealthDescriptor> group(String name) {
		WebEndpointResponse<HealthDescriptor> response = this.health.health(ApiVersion.LATEST,
				WebServerNamespace.SERVER, SecurityContext.NONE, false, name);
		return ResponseEntity.status(response.getStatus()).body(response.getBody());
	}

}
