package dev.foundation.core.error.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every exception that reaches Spring MVC is answered with problem+json that carries the
 * correlation id and never echoes what the client sent or what went wrong inside.
 */
class ProblemDetailExceptionHandlerIntegrationTests extends ProblemDetailWebTestSupport {

	@Autowired
	private MockMvc mvc;

	@Test
	void notFoundExceptionKeepsItsDetail() throws Exception {
		perform(get("/test/not-found")).isProblem(404, "not-found", "Resource not found", "Widget 42 does not exist",
				"/test/not-found");
	}

	@Test
	void problemTypeOfTheResponseIsExposedAsARequestAttribute() throws Exception {
		assertThat(this.mvc.perform(get("/test/boom"))
			.andReturn()
			.getRequest()
			.getAttribute(ProblemDetails.PROBLEM_TYPE_ATTRIBUTE))
			.isEqualTo(ProblemDetailTestApplication.TYPE_BASE + "internal-error");
		assertThat(this.mvc.perform(get("/test/external"))
			.andReturn()
			.getRequest()
			.getAttribute(ProblemDetails.PROBLEM_TYPE_ATTRIBUTE))
			.isEqualTo(ProblemDetailTestApplication.TYPE_BASE + "external-service-failure");
		assertThat(this.mvc.perform(get("/test/status"))
			.andReturn()
			.getRequest()
			.getAttribute(ProblemDetails.PROBLEM_TYPE_ATTRIBUTE)).as("a status without a foundation type")
			.isEqualTo("about:blank");
	}

	@Test
	void badRequestException() throws Exception {
		perform(get("/test/bad-request")).isProblem(400, "bad-request", "Bad request", "The date range is reversed",
				"/test/bad-request");
	}

	@Test
	void conflictExceptionCarriesItsExtensionMembers() throws Exception {
		Answer answer = perform(get("/test/conflict")).isProblem(409, "conflict", "Conflict",
				"The widget name is taken", "/test/conflict");
		assertThat((String) answer.json("$.conflictingId")).isEqualTo("w-1");
	}

	@Test
	void unauthorizedException() throws Exception {
		perform(get("/test/unauthorized")).isProblem(401, "unauthorized", "Unauthorized", "Sign in first",
				"/test/unauthorized");
	}

	@Test
	void forbiddenException() throws Exception {
		perform(get("/test/forbidden")).isProblem(403, "forbidden", "Forbidden", "You may not edit this widget",
				"/test/forbidden");
	}

	@Test
	void rateLimitedExceptionSetsRetryAfter() throws Exception {
		Answer answer = perform(get("/test/rate-limited")).isProblem(429, "rate-limited", "Too many requests",
				"Slow down", "/test/rate-limited");
		assertThat(answer.header("Retry-After")).isEqualTo("30");
	}

	@Test
	void subSecondRetryAfterIsRoundedUpToOneSecond() throws Exception {
		assertThat(perform(get("/test/rate-limited-briefly")).header("Retry-After")).isEqualTo("1");
	}

	@Test
	void unreachableDatabaseIsServiceUnavailableWithRetryAfter() throws Exception {
		Answer answer = perform(get("/test/database-down")).isProblem(503, "service-unavailable", "Service unavailable",
				"The service is temporarily unavailable; retry after the time given in Retry-After",
				"/test/database-down");
		assertThat(answer.header("Retry-After")).isEqualTo("2");
		assertThat((String) answer.json("$.service")).isEqualTo("database");
		answer.doesNotReveal("10.1.2.3", "Hikari", "SQLException");
	}

	@Test
	void databaseErrorThatIsABugStaysInternalError() throws Exception {
		perform(get("/test/database-bug"))
			.isProblem(500, "internal-error", "Internal error",
					"An unexpected error occurred; quote the correlation id when reporting it", "/test/database-bug")
			.doesNotReveal("selec", "42601");
	}

	@Test
	void validationExceptionListsItsViolations() throws Exception {
		Answer answer = perform(get("/test/validation")).isProblem(400, "validation-failed", "Validation failed",
				"The widget is incomplete", "/test/validation");
		assertThat((List<Map<String, Object>>) answer.json("$.errors"))
			.containsExactly(Map.of("field", "email", "message", "must be unique", "code", "Unique"));
	}

	@Test
	void externalServiceExceptionNamesTheServiceButNotItsError() throws Exception {
		Answer answer = perform(get("/test/external")).isProblem(503, "external-service-failure",
				"External service failure", "The service 'payments' did not answer correctly; try again later",
				"/test/external");
		assertThat((String) answer.json("$.service")).isEqualTo("payments");
		answer.doesNotReveal("10.1.2.3", "connection refused", "IOException");
	}

	@Test
	void foundationExceptionWrappedOnItsWayOutKeepsItsProblem() throws Exception {
		perform(get("/test/wrapped-conflict"))
			.isProblem(409, "conflict", "Conflict", "The widget name is taken", "/test/wrapped-conflict")
			.doesNotReveal("secret wrapper message", "secret rollback message", "IllegalStateException");
	}

	@Test
	void wrappedFoundationExceptionKeepsItsHeaders() throws Exception {
		Answer answer = perform(get("/test/wrapped-rate-limit"))
			.isProblem(429, "rate-limited", "Too many requests", "Too many widgets", "/test/wrapped-rate-limit")
			.doesNotReveal("secret wrapper message");
		assertThat(answer.header("Retry-After")).isEqualTo("7");
	}

	@Test
	void unexpectedExceptionIsA500ThatHidesTheMessage() throws Exception {
		perform(get("/test/boom"))
			.isProblem(500, "internal-error", "Internal error",
					"An unexpected error occurred; quote the correlation id when reporting it", "/test/boom")
			.doesNotReveal("secret internal message", "IllegalStateException", "FailingController", "at dev.");
	}

	@Test
	void responseStatusExceptionKeepsApplicationsReason() throws Exception {
		perform(get("/test/status")).isProblem(410, null, "Gone", "This widget was retired", "/test/status");
	}

	@Test
	void optimisticLockFailureIsAConflictWithoutSql() throws Exception {
		perform(get("/test/optimistic-lock"))
			.isProblem(409, "conflict", "Conflict", "The resource was changed by someone else; reload it and try again",
					"/test/optimistic-lock")
			.doesNotReveal("secret_column", "update widget");
	}

	@Test
	void integrityViolationIsAConflictWithoutConstraintName() throws Exception {
		perform(get("/test/integrity"))
			.isProblem(409, "conflict", "Conflict", "The request conflicts with existing data", "/test/integrity")
			.doesNotReveal("widget_secret_key", "duplicate key");
	}

	@Test
	void invalidRequestBodyListsEachFieldWithoutRejectedValues() throws Exception {
		String body = "{\"name\":\" \",\"email\":\"<script>alert(1)</script>\",\"quantity\":0}";
		Answer answer = perform(post("/test/widgets").contentType(MediaType.APPLICATION_JSON).content(body))
			.isProblem(400, "validation-failed", "Validation failed", "The request has invalid fields", "/test/widgets")
			.doesNotReveal("<script>", "alert(1)", "rejected");
		List<Map<String, Object>> errors = answer.json("$.errors");
		assertThat(errors).extracting((error) -> error.get("field"))
			.containsExactlyInAnyOrder("name", "email", "quantity");
		assertThat(errors).extracting((error) -> error.get("code"))
			.containsExactlyInAnyOrder("NotBlank", "Email", "Min");
		assertThat(errors).allSatisfy((error) -> {
			assertThat(error).containsOnlyKeys("field", "message", "code");
			assertThat((String) error.get("message")).isNotBlank();
		});
	}

	@Test
	void malformedJsonIsAMalformedRequestThatDoesNotQuoteTheBody() throws Exception {
		String body = "{\"name\": \"<script>alert(1)</script>\", \"quantity\": ";
		perform(post("/test/widgets").contentType(MediaType.APPLICATION_JSON).content(body))
			.isProblem(400, "malformed-request", "Malformed request", "The request body is missing or not readable",
					"/test/widgets")
			.doesNotReveal("<script>", "alert(1)", "JSON", "Unexpected end-of-input");
	}

	@Test
	void wronglyTypedJsonValueIsAMalformedRequest() throws Exception {
		String body = "{\"name\": \"a\", \"quantity\": \"<script>\"}";
		perform(post("/test/widgets").contentType(MediaType.APPLICATION_JSON).content(body))
			.isProblem(400, "malformed-request", "Malformed request", "The request body is missing or not readable",
					"/test/widgets")
			.doesNotReveal("<script>", "int");
	}

	@Test
	void missingBodyIsAMalformedRequest() throws Exception {
		perform(post("/test/widgets").contentType(MediaType.APPLICATION_JSON)).isProblem(400, "malformed-request",
				"Malformed request", "The request body is missing or not readable", "/test/widgets");
	}

	@Test
	void unsupportedMediaTypeIs415ListingAcceptedTypes() throws Exception {
		Answer answer = perform(post("/test/json-only").contentType("text/html").content("<script>x</script>"))
			.isProblem(415, "unsupported-media-type", "Unsupported media type",
					"The request's content type is not supported; the Accept header lists those that are",
					"/test/json-only")
			.doesNotReveal("<script>", "text/html");
		assertThat(answer.header("Accept")).contains("application/json");
	}

	@Test
	void unproducibleMediaTypeIs406() throws Exception {
		perform(get("/test/json-produced").accept("text/csv")).isProblem(406, "not-acceptable", "Not acceptable",
				"None of the acceptable media types can be produced", "/test/json-produced");
	}

	@Test
	void unsupportedMethodIs405WithAllow() throws Exception {
		Answer answer = perform(get("/test/post-only")).isProblem(405, "method-not-allowed", "Method not allowed",
				"The method is not supported by this resource; the Allow header lists those that are",
				"/test/post-only");
		assertThat(answer.header("Allow")).contains("POST").doesNotContain("GET");
	}

	@Test
	void methodNameWithMarkupIsNeverEchoed() throws Exception {
		perform(request(HttpMethod.valueOf("FOO<script>"), "/test/post-only"))
			.isProblem(405, "method-not-allowed", "Method not allowed",
					"The method is not supported by this resource; the Allow header lists those that are",
					"/test/post-only")
			.doesNotReveal("<script>", "FOO");
	}

	@Test
	void unknownRouteIs404() throws Exception {
		perform(get("/test/no-such-route")).isProblem(404, "not-found", "Resource not found",
				"No resource exists at this path", "/test/no-such-route");
	}

	@Test
	void pathWithMarkupIsEchoedOnlyPercentEncoded() throws Exception {
		perform(get("/test/{segment}", "<script>alert(1)</script>"))
			.isProblem(404, "not-found", "Resource not found", "No resource exists at this path",
					"/test/%3Cscript%3Ealert(1)%3C/script%3E")
			.doesNotReveal("<script>");
	}

	@Test
	void missingRequiredParameterIs400NamingIt() throws Exception {
		perform(get("/test/search")).isProblem(400, "missing-parameter", "Missing parameter",
				"Required parameter 'q' is missing", "/test/search");
	}

	@Test
	void invalidParameterIsAValidationFailureNamingTheParameter() throws Exception {
		Answer answer = perform(get("/test/search").param("q", "x").param("page", "0")).isProblem(400,
				"validation-failed", "Validation failed", "The request has invalid fields", "/test/search");
		assertThat((List<String>) answer.json("$.errors[*].field")).containsExactly("page");
		assertThat((List<String>) answer.json("$.errors[*].code")).containsExactly("Min");
	}

	@Test
	void unconvertibleParameterIsAMalformedRequestThatDoesNotEchoTheValue() throws Exception {
		perform(get("/test/widgets/{id}", "not-a-uuid<b>"))
			.isProblem(400, "malformed-request", "Malformed request", "Parameter 'id' has an invalid value",
					"/test/widgets/not-a-uuid%3Cb%3E")
			.doesNotReveal("<b>", "UUID", "java.");
	}

	@Test
	void correlationIdOfTheCallerIsEchoedInTheProblem() throws Exception {
		Answer answer = perform(get("/test/not-found").header("X-Request-Id", "caller-id-7"));
		assertThat(answer.header("X-Request-Id")).isEqualTo("caller-id-7");
		assertThat((String) answer.json("$.correlationId")).isEqualTo("caller-id-7");
	}

	@Test
	void maliciousCorrelationIdIsReplacedInHeaderAndProblem() throws Exception {
		Answer answer = perform(get("/test/not-found").header("X-Request-Id", "<script>alert(1)</script>"))
			.isProblem(404, "not-found", "Resource not found", "Widget 42 does not exist", "/test/not-found")
			.doesNotReveal("<script>");
		assertThat(answer.header("X-Request-Id")).matches("[0-9a-f-]{36}");
	}

	@Test
	void successfulRequestsCarryTheCorrelationIdToo() throws Exception {
		Answer answer = perform(get("/test/search").param("q", "x"));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("x1");
		assertThat(answer.header("X-Request-Id")).isNotBlank();
	}

	private Answer perform(RequestBuilder request) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : response.getHeaderNames()) {
			headers.put(name.toLowerCase(), response.getHeaders(name));
		}
		return new Answer(response.getStatus(), headers, response.getContentAsString(StandardCharsets.UTF_8));
	}

}
