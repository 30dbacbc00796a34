package dev.foundation.sample;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API description. Every operation takes a bearer token and, to choose among the
 * caller's tenants, the {@code X-Tenant-Id} header (a tenant's id or slug); Swagger UI's
 * "Authorize" dialog sets both once for all requests. One requirement naming both schemes
 * means both are sent (a list of two requirements would mean either).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI sampleOpenApi() {
		return new OpenAPI().info(new Info().title("foundation sample CRM").version("v1"))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
				.addSecuritySchemes("tenant",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name("X-Tenant-Id")
							.description("The tenant to act in (id or slug); not needed when the token names one")))
			.addSecurityItem(new SecurityRequirement().addList("bearer").addList("tenant"));
	}

}
