package dev.foundation.core.error.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import dev.foundation.core.error.BadRequestException;
import dev.foundation.core.error.ConflictException;
import dev.foundation.core.error.ExternalServiceException;
import dev.foundation.core.error.FieldViolation;
import dev.foundation.core.error.ForbiddenException;
import dev.foundation.core.error.NotFoundException;
import dev.foundation.core.error.RateLimitedException;
import dev.foundation.core.error.UnauthorizedException;
import dev.foundation.core.error.ValidationException;
import dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration;
import dev.foundation.core.web.autoconfigure.WebHardeningAutoConfiguration;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * A small servlet application whose endpoints fail in every way the foundation's error
 * handling must answer.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class, ValidationAutoConfiguration.class,
		MultipartAutoConfiguration.class, RequestContextAutoConfiguration.class, WebHardeningAutoConfiguration.class,
		ErrorHandlingAutoConfiguration.class })
@Import(ProblemDetailTestApplication.FailingController.class)
class ProblemDetailTestApplication {

	static final String TYPE_BASE = "https://api.example.com/problems/";

	/**
	 * Runs after the request context filter: failures here reach the container's error
	 * dispatch.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> failingFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						switch (request.getRequestURI()) {
							case "/test/filter-failure" -> throw new IllegalStateException("secret filter failure");
							case "/test/filter-send-error" -> response.sendError(403, "secret reason");
							case "/test/filter-wrapped-conflict" ->
								throw new ServletException("Filter failed: secret wrapper message",
										new IllegalStateException("secret inner wrapper",
												new ConflictException("The widget name is taken")));
							case "/test/filter-database-down" -> throw new CannotCreateTransactionException(
									"Could not open JPA EntityManager for transaction",
									new SQLException("Connection to 10.1.2.3:5432 refused", "08001"));
							default -> chain.doFilter(request, response);
						}
					}

				});
		registration.setOrder(0);
		return registration;
	}

	/**
	 * Runs before the database-unavailable filter: its failure reaches the container's
	 * error dispatch, as one of a filter the application orders first would.
	 */
	@Bean
	FilterRegistrationBean<OncePerRequestFilter> earlyFailingFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new OncePerRequestFilter() {

					@Override
					protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
							FilterChain chain) throws ServletException, IOException {
						if (request.getRequestURI().equals("/test/early-filter-database-down")) {
							throw new IllegalStateException("wrapped",
									new SQLException("terminating connection due to administrator command", "57P01"));
						}
						chain.doFilter(request, response);
					}

				});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	record WidgetRequest(@NotBlank String name, @Email String email, @Min(1) int quantity) {
	}

	/**
	 * Echoed back as it was read: shows what the JSON reader accepted and how the writer
	 * encodes it.
	 */
	record Note(String name, int count, boolean active) {
	}

	/**
	 * Bound from query parameters, so a wrong value is a binding failure rather than a
	 * type mismatch.
	 */
	record WidgetFilter(UUID owner, int page) {
	}

	@RestController
	@RequestMapping("/test")
	static class FailingController {

		@GetMapping("/not-found")
		void notFound() {
			throw new NotFoundException("Widget 42 does not exist");
		}

		@GetMapping("/bad-request")
		void badRequest() {
			throw new BadRequestException("The date range is reversed");
		}

		@GetMapping("/conflict")
		void conflict() {
			throw new ConflictException("The widget name is taken").with("conflictingId", "w-1");
		}

		@GetMapping("/unauthorized")
		void unauthorized() {
			throw new UnauthorizedException("Sign in first");
		}

		@GetMapping("/forbidden")
		void forbidden() {
			throw new ForbiddenException("You may not edit this widget");
		}

		@GetMapping("/rate-limited")
		void rateLimited() {
			throw new RateLimitedException("Slow down", Duration.ofSeconds(30));
		}

		@GetMapping("/rate-limited-briefly")
		void rateLimitedBriefly() {
			throw new RateLimitedException("Slow down", Duration.ofMillis(200));
		}

		@GetMapping("/validation")
		void validation() {
			throw new ValidationException("The widget is incomplete",
					List.of(new FieldViolation("email", "must be unique", "Unique")));
		}

		@GetMapping("/external")
		void external() {
			throw new ExternalServiceException("payments", HttpStatus.SERVICE_UNAVAILABLE,
					new IOException("connection refused by 10.1.2.3:5432"));
		}

		@GetMapping("/database-down")
		void databaseDown() {
			throw new DataAccessResourceFailureException("Unable to acquire JDBC Connection",
					new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001",
							new SQLException("Connection to 10.1.2.3:5432 refused", "08001")));
		}

		@GetMapping("/database-bug")
		void databaseBug() {
			throw new InvalidDataAccessResourceUsageException("bad SQL",
					new SQLException("syntax error at or near \"selec\"", "42601"));
		}

		@GetMapping("/wrapped-conflict")
		void wrappedConflict() {
			// As a commit failure wraps what a flush threw: RollbackException →
			// TransactionSystemException.
			throw new IllegalStateException("Could not commit: secret wrapper message",
					new RuntimeException("secret rollback message", new ConflictException("The widget name is taken")));
		}

		@GetMapping("/wrapped-rate-limit")
		void wrappedRateLimit() {
			throw new IllegalStateException("secret wrapper message",
					new RateLimitedException("Too many widgets", Duration.ofSeconds(7)));
		}

		@GetMapping("/boom")
		void boom() {
			throw new IllegalStateException("secret internal message");
		}

		@GetMapping("/status")
		void status() {
			throw new ResponseStatusException(HttpStatus.GONE, "This widget was retired");
		}

		@GetMapping("/optimistic-lock")
		void optimisticLock() {
			throw new OptimisticLockingFailureException("Row was updated: update widget set secret_column=?");
		}

		@GetMapping("/integrity")
		void integrity() {
			throw new DataIntegrityViolationException(
					"duplicate key value violates unique constraint \"widget_secret_key\"");
		}

		@PostMapping(path = "/widgets", consumes = MediaType.APPLICATION_JSON_VALUE)
		Map<String, Object> create(@Valid @RequestBody WidgetRequest request) {
			return Map.of("name", request.name());
		}

		@GetMapping("/widgets/{id}")
		String widget(@PathVariable UUID id) {
			return id.toString();
		}

		@GetMapping("/search")
		String search(@RequestParam String q, @RequestParam(defaultValue = "1") @Min(1) int page) {
			return q + page;
		}

		@PostMapping("/post-only")
		String postOnly() {
			return "posted";
		}

		@PostMapping(path = "/json-only", consumes = MediaType.APPLICATION_JSON_VALUE)
		String jsonOnly(@RequestBody Map<String, Object> body) {
			return "ok";
		}

		@GetMapping(path = "/json-produced", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, String> jsonProduced() {
			return Map.of("ok", "yes");
		}

		@GetMapping("/markup")
		void markup() {
			throw new ConflictException("The name <b>Tom & 'Jerry'</b> is taken");
		}

		@PostMapping(path = "/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
		Note note(@RequestBody Note note) {
			return note;
		}

		@GetMapping("/widgets")
		String widgets(@Valid WidgetFilter filter) {
			return filter.owner() + "/" + filter.page();
		}

		@PostMapping("/upload")
		String upload(@RequestParam MultipartFile file) {
			return Long.toString(file.getSize());
		}

	}

}
