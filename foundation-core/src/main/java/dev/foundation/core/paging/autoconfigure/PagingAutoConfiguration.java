package dev.foundation.core.paging.autoconfigure;

import java.util.List;

import dev.foundation.core.paging.web.CursorPageLinkAdvice;
import dev.foundation.core.paging.web.CursorRequestArgumentResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.domain.Window;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Cursor paging in Spring MVC: controller methods may take a {@code CursorRequest}, read
 * from {@code ?cursor=...&size=...} with the sizes of {@link PagingProperties}, and a
 * {@code CursorPage} response carries a {@code Link} header to the next page. Needs
 * Spring Data Commons, whose scrolling the cursors build on.
 */
@AutoConfiguration
@ConditionalOnClass({ Window.class, WebMvcConfigurer.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "foundation.paging.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PagingProperties.class)
public final class PagingAutoConfiguration {

	PagingAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	CursorRequestArgumentResolver cursorRequestArgumentResolver(PagingProperties properties) {
		return new CursorRequestArgumentResolver(properties.getDefaultSize(), properties.getMaxSize());
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "foundation.paging.link-header", matchIfMissing = true)
	@ConditionalOnMissingBean
	CursorPageLinkAdvice cursorPageLinkAdvice() {
		return new CursorPageLinkAdvice();
	}

	@Bean
	WebMvcConfigurer cursorRequestWebMvcConfigurer(CursorRequestArgumentResolver resolver) {
		return new WebMvcConfigurer() {

			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(resolver);
			}

		};
	}

}
