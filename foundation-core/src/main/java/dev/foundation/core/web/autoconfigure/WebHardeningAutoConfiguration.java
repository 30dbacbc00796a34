package dev.foundation.core.web.autoconfigure;

import java.util.EnumSet;

import dev.foundation.core.web.HardenedJsonHttpMessageConverter;
import dev.foundation.core.web.NoSniffFilter;
import jakarta.servlet.DispatcherType;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Strict and HTML-safe JSON for Spring MVC, and {@code X-Content-Type-Options: nosniff}
 * on every response. Spring MVC's Jackson 3 converter (built by Boot from the
 * application's {@link JsonMapper}) is swapped, in place, for a
 * {@link HardenedJsonHttpMessageConverter} on the same mapper; a converter of the
 * application's own class is left alone.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "foundation.web.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebHardeningProperties.class)
public final class WebHardeningAutoConfiguration {

	/**
	 * Order of the nosniff filter: right after the request context filter, before any
	 * that can answer.
	 */
	static final int NOSNIFF_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

	WebHardeningAutoConfiguration() {
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "foundation.web.nosniff", matchIfMissing = true)
	@ConditionalOnMissingBean(name = "noSniffFilterRegistration")
	FilterRegistrationBean<NoSniffFilter> noSniffFilterRegistration() {
		FilterRegistrationBean<NoSniffFilter> registration = new FilterRegistrationBean<>(new NoSniffFilter());
		registration.setOrder(NOSNIFF_FILTER_ORDER);
		// Error dispatches too: Tomcat resets the headers before rendering an error page.
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JsonMapper.class, JsonMapperBuilderCustomizer.class })
	static class JsonMapperConfiguration {

		@Bean
		@ConditionalOnBooleanProperty(name = "foundation.web.json.strict-types", matchIfMissing = true)
		@ConditionalOnMissingBean(name = "strictTypesJsonMapperBuilderCustomizer")
		JsonMapperBuilderCustomizer strictTypesJsonMapperBuilderCustomizer() {
			return (builder) -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
				.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
				// Explicitly too for String fields, whose coercions Jackson configures
				// per logical type.
				.withCoercionConfig(LogicalType.Textual,
						(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
							.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
							.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JsonMapper.class, ServerHttpMessageConvertersCustomizer.class })
	static class ConverterConfiguration {

		// Not a converter bean: Boot would put it in front of the String converter,
		// turning String results into JSON.
		@Bean
		@ConditionalOnBean(JsonMapper.class)
		@ConditionalOnMissingBean(name = "hardenedJsonConvertersCustomizer")
		ServerHttpMessageConvertersCustomizer hardenedJsonConvertersCustomizer(JsonMapper jsonMapper,
				WebHardeningProperties properties) {
			HardenedJsonHttpMessageConverter hardened = new HardenedJsonHttpMessageConverter(jsonMapper.rebuild(),
					properties.getJson().isHtmlSafe(), properties.getJson().isStrictUtf8());
			return (builder) -> builder.configureMessageConvertersList((converters) -> converters
				.replaceAll((converter) -> (converter.getClass() == JacksonJsonHttpMessageConverter.class) ? hardened
						: converter));
		}

	}

}
