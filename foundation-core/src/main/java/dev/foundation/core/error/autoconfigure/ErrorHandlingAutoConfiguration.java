package dev.foundation.core.error.autoconfigure;

import dev.foundation.core.context.autoconfigure.RequestContextProperties;
import dev.foundation.core.error.tomcat.ProblemErrorReportValve;
import dev.foundation.core.error.tomcat.ProblemErrorReportValveCustomizer;
import dev.foundation.core.error.web.DatabaseUnavailableFilter;
import dev.foundation.core.error.web.ProblemDetailErrorController;
import dev.foundation.core.error.web.ProblemDetailExceptionHandler;
import dev.foundation.core.error.web.ProblemDetails;
import dev.foundation.core.error.web.ProblemResponseWriter;
import dev.foundation.core.web.HardenedJsonHttpMessageConverter;
import dev.foundation.core.web.autoconfigure.WebHardeningProperties;
import jakarta.servlet.DispatcherType;
import org.apache.catalina.startup.Tomcat;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Problem+json for every error of a servlet application: the controller advice, the error
 * controller, the writer used outside Spring MVC and Tomcat's own error report. Runs
 * before Boot's error auto-configuration so that its whitelabel/JSON error controller
 * backs off, and replaces Boot's optional {@code ProblemDetailsExceptionHandler}.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
				"dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration",
				"dev.foundation.core.web.autoconfigure.WebHardeningAutoConfiguration" },
		beforeName = { "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
				"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, ErrorController.class })
@ConditionalOnBooleanProperty(name = "foundation.errors.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ErrorHandlingProperties.class)
public final class ErrorHandlingAutoConfiguration {

	ErrorHandlingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemDetails problemDetails(ErrorHandlingProperties properties) {
		return new ProblemDetails(properties.getTypeBaseUri());
	}

	@Bean
	@ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
	ProblemDetailExceptionHandler problemDetailExceptionHandler(ProblemDetails problemDetails) {
		return new ProblemDetailExceptionHandler(problemDetails);
	}

	@Bean
	@ConditionalOnMissingBean(ErrorController.class)
	ProblemDetailErrorController problemDetailErrorController(ProblemDetails problemDetails) {
		return new ProblemDetailErrorController(problemDetails);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JsonMapper.class)
	static class WriterConfiguration {

		// Encoded as Spring MVC's JSON is: HTML-safe unless foundation.web.json.html-safe
		// (or the hardening) is off.
		@Bean
		@ConditionalOnMissingBean
		ProblemResponseWriter problemResponseWriter(ProblemDetails problemDetails, ObjectProvider<JsonMapper> mappers,
				ObjectProvider<WebHardeningProperties> webHardening) {
			JsonMapper mapper = mappers.getIfUnique(JsonMapper::new);
			WebHardeningProperties web = webHardening.getIfAvailable();
			boolean htmlSafe = web != null && web.getJson().isHtmlSafe();
			return new ProblemResponseWriter(problemDetails,
					new HardenedJsonHttpMessageConverter(mapper.rebuild(), htmlSafe, false));
		}

		/**
		 * Right after the request context and nosniff filters, so that a "database
		 * unavailable" escaping any later filter (security, tenancy) is a 503.
		 */
		static final int DATABASE_UNAVAILABLE_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

		@Bean
		@ConditionalOnMissingBean(name = "databaseUnavailableFilterRegistration")
		FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailableFilterRegistration(
				ProblemResponseWriter problems) {
			FilterRegistrationBean<DatabaseUnavailableFilter> registration = new FilterRegistrationBean<>(
					new DatabaseUnavailableFilter(problems));
			registration.setOrder(DATABASE_UNAVAILABLE_FILTER_ORDER);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, TomcatServletWebServerFactory.class, JsonMapper.class })
	@ConditionalOnBooleanProperty(name = "foundation.errors.render-container-errors", matchIfMissing = true)
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ProblemErrorReportValveCustomizer problemErrorReportValveCustomizer(ProblemResponseWriter writer,
				ProblemDetails problemDetails, ObjectProvider<RequestContextProperties> requestContext,
				ObjectProvider<WebHardeningProperties> webHardening) {
			String requestIdHeader = requestContext.getIfAvailable(RequestContextProperties::new).getRequestIdHeader();
			WebHardeningProperties web = webHardening.getIfAvailable();
			boolean nosniff = web != null && web.isNosniff();
			return new ProblemErrorReportValveCustomizer(
					new ProblemErrorReportValve(writer, problemDetails, requestIdHeader, nosniff));
		}

	}

}
