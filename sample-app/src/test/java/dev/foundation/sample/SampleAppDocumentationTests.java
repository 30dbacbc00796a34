package dev.foundation.sample;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the configuration reference true: every {@code foundation.*} property in the
 * metadata of the foundation's jars is documented in {@code docs/configuration.md}.
 */
class SampleAppDocumentationTests {

	@Test
	void everyFoundationPropertyIsInTheConfigurationReference() throws Exception {
		String reference = Files.readString(Path.of("..", "docs", "configuration.md"));
		List<String> properties = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		for (var url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith("foundation.")) {
						properties.add(name);
					}
				}
			}
		}
		assertThat(properties).isNotEmpty();
		assertThat(properties).allSatisfy((name) -> assertThat(reference).contains("`" + name + "`"));
	}

}
