package dev.foundation.sample;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /}: a public answer that touches neither the database nor Redis, for load
 * balancers that probe the root and as the floor of the request path (every filter of the
 * foundation runs, nothing else).
 */
@RestController
@Tag(name = "Service")
class RootController {

	private static final Map<String, String> OK = Map.of("status", "ok");

	@GetMapping("/")
	@Operation(summary = "Answer that the service is up, with no dependency consulted")
	Map<String, String> root() {
		return OK;
	}

}
