package dev.foundation.core.error.web;

import java.util.ArrayList;
import java.util.List;

import dev.foundation.core.database.DatabaseUnavailability;
import dev.foundation.core.error.FieldViolation;
import dev.foundation.core.error.FoundationException;
import dev.foundation.core.error.ProblemTypes;
import dev.foundation.core.error.ServiceUnavailableException;
import dev.foundation.core.web.MalformedUtf8Exception;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception that reaches Spring MVC into {@code application/problem+json}.
 * <p>
 * Framework exceptions get fixed, safe details instead of Spring's messages, which quote
 * the request's method, media type or body; {@link FoundationException}s keep the detail
 * their author wrote for the client; anything unexpected becomes a 500 whose detail says
 * only where to look: the correlation id. Stack traces go to the log.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemDetailExceptionHandler.class);

	private static final boolean DATA_ACCESS_PRESENT = ClassUtils
		.isPresent("org.springframework.dao.DataAccessException", ProblemDetailExceptionHandler.class.getClassLoader());

	private final ProblemDetails problemDetails;

	/**
	 * Creates the handler.
	 * @param problemDetails how problem details are built
	 */
	public ProblemDetailExceptionHandler(ProblemDetails problemDetails) {
		this.problemDetails = problemDetails;
	}

	/**
	 * Handles the foundation's own exceptions.
	 * @param ex the exception
	 * @param request the request
	 * @return the problem response
	 */
	@ExceptionHandler(FoundationException.class)
	public ResponseEntity<ProblemDetail> handleFoundationException(FoundationException ex, HttpServletRequest request) {
		log(ex, ex.getStatus());
		ProblemDetail problem = this.problemDetails.create(ex, request.getRequestURI());
		return problemResponse(problem, ProblemDetails.headersOf(ex), ex.getStatus());
	}

	/**
	 * Handles bean validation failures outside of request binding, e.g. on
	 * {@code @Validated} services.
	 * @param ex the exception
	 * @param request the request
	 * @return the problem response
	 */
	@ExceptionHandler(ConstraintViolationException.class)
	public ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException ex,
			HttpServletRequest request) {
		log(ex, HttpStatus.BAD_REQUEST);
		List<FieldViolation> violations = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new FieldViolation(violation.getPropertyPath().toString(), violation.getMessage(),
					violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()))
			.toList();
		return validationProblem(violations, request.getRequestURI());
	}

	/**
	 * Handles everything else: 503 with {@code Retry-After} when the database cannot be
	 * reached ({@link DatabaseUnavailability}), the problem of a
	 * {@link FoundationException} found among the causes (e.g. thrown during a flush and
	 * wrapped by the commit failure), 409 for a data conflict, otherwise a generic 500.
	 * @param ex the exception
	 * @param request the request
	 * @return the problem response
	 */
	@ExceptionHandler(Exception.class)
	public ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, HttpServletRequest request) {
		ServiceUnavailableException unavailable = DatabaseUnavailability.toServiceUnavailable(ex);
		if (unavailable != null) {
			DatabaseUnavailableFilter.logUnavailable(request, ex);
			ProblemDetail problem = this.problemDetails.create(unavailable, request.getRequestURI());
			return problemResponse(problem, ProblemDetails.headersOf(unavailable), unavailable.getStatus());
		}
		FoundationException wrapped = FoundationCauses.find(ex);
		if (wrapped != null) {
			// The wrapper is logged (it says where it happened); the client gets the
			// wrapped exception's status and detail, never the wrapper's message.
			log(ex, wrapped.getStatus());
			ProblemDetail problem = this.problemDetails.create(wrapped, request.getRequestURI());
			return problemResponse(problem, ProblemDetails.headersOf(wrapped), wrapped.getStatus());
		}
		if (DATA_ACCESS_PRESENT && DataAccessFailures.isConflict(ex)) {
			log(ex, HttpStatus.CONFLICT);
			ProblemDetail problem = this.problemDetails.create(ProblemTypes.CONFLICT, HttpStatus.CONFLICT, "Conflict",
					DataAccessFailures.detail(ex), request.getRequestURI());
			return problemResponse(problem, new HttpHeaders(), HttpStatus.CONFLICT);
		}
		logger.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ex);
		ProblemDetail problem = this.problemDetails.create(ProblemTypes.INTERNAL_ERROR,
				HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"An unexpected error occurred; quote the correlation id when reporting it", request.getRequestURI());
		return problemResponse(problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		log(ex, status);
		List<FieldViolation> violations = new ArrayList<>();
		ex.getBindingResult().getFieldErrors().forEach((error) -> violations.add(violation(error)));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> violations
				.add(new FieldViolation(error.getObjectName(), message(error), String.valueOf(error.getCode()))));
		return asObject(validationProblem(violations, path(request)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		log(ex, status);
		List<FieldViolation> violations = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String parameter = String.valueOf(result.getMethodParameter().getParameterName());
			result.getResolvableErrors().forEach((error) -> {
				String field = (error instanceof FieldError fieldError) ? fieldError.getField() : parameter;
				violations.add(new FieldViolation(field, message(error), code(error)));
			});
		});
		return asObject(validationProblem(violations, path(request)));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		log(ex, statusCode);
		// Spring's handlers pass no body for ErrorResponse exceptions: take theirs, it
		// holds the application's detail.
		ProblemDetail problem = (body instanceof ProblemDetail existing) ? existing
				: (ex instanceof ErrorResponse errorResponse)
						? errorResponse.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale())
						: ProblemDetail.forStatus(statusCode);
		problem.setDetail(safeDetail(ex, problem, statusCode));
		this.problemDetails.complete(problem, typeOf(ex, statusCode), ProblemDetails.titleFor(statusCode),
				path(request));
		return asObject(problemResponse(problem, headers, statusCode));
	}

	private ResponseEntity<ProblemDetail> validationProblem(List<FieldViolation> violations, @Nullable String path) {
		ProblemDetail problem = this.problemDetails.create(ProblemTypes.VALIDATION_FAILED, HttpStatus.BAD_REQUEST,
				"Validation failed", "The request has invalid fields", path);
		problem.setProperty("errors", violations);
		return problemResponse(problem, new HttpHeaders(), HttpStatus.BAD_REQUEST);
	}

	private static ResponseEntity<ProblemDetail> problemResponse(ProblemDetail problem, HttpHeaders headers,
			HttpStatusCode status) {
		return ResponseEntity.status(status)
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> asObject(ResponseEntity<ProblemDetail> response) {
		return (ResponseEntity) response;
	}

	private static @Nullable String typeOf(Exception ex, HttpStatusCode status) {
		if (ex instanceof HttpMessageNotReadableException || ex instanceof TypeMismatchException) {
			return ProblemTypes.MALFORMED_REQUEST;
		}
		if (ex instanceof MissingServletRequestParameterException || ex instanceof MissingServletRequestPartException
				|| (ex instanceof ServletRequestBindingException && status.value() == 400)) {
			return ProblemTypes.MISSING_PARAMETER;
		}
		return ProblemDetails.typeFor(status);
	}

	// Spring's own details quote the request (method, media type, body excerpts): replace
	// them.
	private static String safeDetail(Exception ex, ProblemDetail problem, HttpStatusCode status) {
		if (ex instanceof HttpRequestMethodNotSupportedException) {
			return "The method is not supported by this resource; the Allow header lists those that are";
		}
		if (ex instanceof HttpMediaTypeNotSupportedException) {
			return "The request's content type is not supported; the Accept header lists those that are";
		}
		if (ex instanceof HttpMediaTypeNotAcceptableException) {
			return "None of the acceptable media types can be produced";
		}
		if (ex instanceof MissingServletRequestParameterException missing) {
			return "Required parameter '" + missing.getParameterName() + "' is missing";
		}
		if (ex instanceof MissingServletRequestPartException missing) {
			return "Required part '" + missing.getRequestPartName() + "' is missing";
		}
		if (ex instanceof ServletRequestBindingException) {
			return "A required request value is missing";
		}
		if (ex instanceof TypeMismatchException mismatch) {
			return "Parameter '" + mismatch.getPropertyName() + "' has an invalid value";
		}
		if (ex instanceof HttpMessageNotReadableException) {
			return isCausedBy(ex, MalformedUtf8Exception.class) ? "The request body is not valid UTF-8"
					: "The request body is missing or not readable";
		}
		if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
			return "No resource exists at this path";
		}
		if (ex instanceof MaxUploadSizeExceededException) {
			return "The payload exceeds the allowed size";
		}
		if (ex instanceof ErrorResponse && isApplicationWritten(ex) && problem.getDetail() != null) {
			return problem.getDetail();
		}
		return status.is5xxServerError() ? "The request could not be completed; quote the correlation id"
				: ProblemDetails.titleFor(status);
	}

	private static boolean isCausedBy(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	// ResponseStatusException and ErrorResponseException thrown by application code carry
	// a detail meant for clients.
	private static boolean isApplicationWritten(Exception ex) {
		return ex.getClass() == ResponseStatusException.class || ex.getClass() == ErrorResponseException.class
				|| !ex.getClass().getPackageName().startsWith("org.springframework.");
	}

	private static FieldViolation violation(FieldError error) {
		return new FieldViolation(error.getField(), message(error), code(error));
	}

	// A binding failure's default message is the conversion error: it names Java types
	// and quotes the value.
	private static String message(MessageSourceResolvable error) {
		if (error instanceof FieldError fieldError && fieldError.isBindingFailure()) {
			return "has an invalid value";
		}
		String message = error.getDefaultMessage();
		return (message != null) ? message : "is invalid";
	}

	private static String code(MessageSourceResolvable error) {
		String[] codes = error.getCodes();
		if (codes == null || codes.length == 0) {
			return "Invalid";
		}
		return codes[codes.length - 1];
	}

	private static @Nullable String path(WebRequest request) {
		return (request instanceof ServletWebRequest servlet) ? servlet.getRequest().getRequestURI() : null;
	}

	private static void log(Exception ex, HttpStatusCode status) {
		if (status.is5xxServerError()) {
			logger.error("Request failed with {}", status.value(), ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Request rejected with {}: {}", status.value(), ex.toString());
		}
	}

}
