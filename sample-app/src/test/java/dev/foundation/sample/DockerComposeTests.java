package dev.foundation.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker Compose setup runs the sample as it would run anywhere reachable: never with
 * the development token issuer.
 */
class DockerComposeTests {

	@Test
	void composeNeverEnablesTheDevelopmentTokenIssuer() throws Exception {
		String compose = Files.readString(Path.of("..", "docker-compose.yml"));
		Matcher profiles = Pattern.compile("(?m)^\\s*SPRING_PROFILES_ACTIVE:\\s*(.*)$").matcher(compose);
		assertThat(profiles.find()).as("SPRING_PROFILES_ACTIVE is set explicitly").isTrue();
		assertThat(profiles.group(1)).doesNotContainIgnoringCase("local");
		assertThat(compose).doesNotContain("profiles.active=local")
			.doesNotContain("--spring.profiles.active")
			.doesNotContainIgnoringCase("ALLOW_WITH_REAL_ISSUERS")
			.doesNotContainIgnoringCase("DEV_AUTH");
	}

}
