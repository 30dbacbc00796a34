package dev.foundation.core.paging.web;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import dev.foundation.core.context.autoconfigure.RequestContextAutoConfiguration;
import dev.foundation.core.error.autoconfigure.ErrorHandlingAutoConfiguration;
import dev.foundation.core.paging.CursorCodec;
import dev.foundation.core.paging.CursorPage;
import dev.foundation.core.paging.CursorRequest;
import dev.foundation.core.paging.KeysetOrder;
import dev.foundation.core.paging.autoconfigure.PagingAutoConfiguration;
import dev.foundation.core.web.autoconfigure.WebHardeningAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A controller taking a {@link CursorRequest} and answering a {@link CursorPage}, through
 * Spring MVC with the foundation's error handling: paging to the end, the configured
 * sizes, and every malformed input as a 400 problem.
 */
@SpringBootTest(classes = CursorPagingWebIntegrationTests.PagingTestApplication.class,
		properties = { "foundation.paging.default-size=4", "foundation.paging.max-size=10",
				"spring.main.banner-mode=off" })
@AutoConfigureMockMvc
class CursorPagingWebIntegrationTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void pagesThroughTheWholeListInOrder() throws Exception {
		List<String> seen = new ArrayList<>();
		String next = null;
		int pages = 0;
		do {
			String body = ok("/test/rows?size=7" + ((next != null) ? "&cursor=" + next : ""));
			seen.addAll(JsonPath.read(body, "$.items[*].id"));
			next = JsonPath.read(body, "$.next");
			pages++;
		}
		while (next != null);
		assertThat(pages).isEqualTo(4);
		assertThat(seen).containsExactlyElementsOf(TestRows.ALL.stream().map((row) -> row.id().toString()).toList());
	}

	@Test
	void linkHeaderPointsToTheNextPageKeepingTheOtherParameters() throws Exception {
		MvcResult first = this.mvc.perform(get(URI.create("/test/rows?size=10&q=a%20b"))).andReturn();
		String next = JsonPath.read(first.getResponse().getContentAsString(), "$.next");
		assertThat(first.getResponse().getHeader("Link"))
			.isEqualTo("</test/rows?size=10&q=a%20b&cursor=" + next + ">; rel=\"next\"");
		MvcResult second = this.mvc.perform(get(URI.create("/test/rows?size=10&cursor=" + next + "&q=a%20b")))
			.andReturn();
		String after = JsonPath.read(second.getResponse().getContentAsString(), "$.next");
		assertThat(second.getResponse().getHeader("Link"))
			.isEqualTo("</test/rows?size=10&q=a%20b&cursor=" + after + ">; rel=\"next\"");
		MvcResult last = this.mvc.perform(get("/test/rows?size=10&cursor=" + after)).andReturn();
		assertThat(JsonPath.<Object>read(last.getResponse().getContentAsString(), "$.next")).isNull();
		assertThat(last.getResponse().getHeader("Link")).isNull();
	}

	@Test
	void sizeDefaultsAndIsBoundedByProperties() throws Exception {
		assertThat(JsonPath.<List<Object>>read(ok("/test/rows"), "$.items")).hasSize(4);
		assertThat(JsonPath.<List<Object>>read(ok("/test/rows?size=10"), "$.items")).hasSize(10);
		for (String size : List.of("0", "11", "-1", "1.5", "ten", "99999999999", "%201", "")) {
			if (!size.isEmpty()) {
				assertBadRequest("/test/rows?size=" + size, "size must be a whole number from 1 to 10");
			}
		}
	}

	@Test
	void malformedForgedOrOversizedCursorsAreBadRequests() throws Exception {
		String foreign = CursorCodec.encode(ScrollPosition.forward(Map.of("name", "x")));
		String wrongType = CursorCodec
			.encode(ScrollPosition.forward(Map.of("createdAt", "2026-01-01", "id", UUID.randomUUID())));
		for (String cursor : List.of("not-a-cursor!", "AQAB", "rO0ABXNyABFqYXZhLnV0aWwuSGFzaE1hcA", foreign, wrongType,
				"A".repeat(CursorCodec.MAX_LENGTH + 1))) {
			assertBadRequest("/test/rows?cursor=" + cursor, "The cursor is not valid");
		}
	}

	private String ok(String uri) throws Exception {
		MvcResult result = this.mvc.perform(get(uri)).andReturn();
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		return result.getResponse().getContentAsString();
	}

	private void assertBadRequest(String uri, String detail) throws Exception {
		MvcResult result = this.mvc.perform(get(uri)).andReturn();
		String body = result.getResponse().getContentAsString();
		assertThat(result.getResponse().getStatus()).as(uri + " " + body).isEqualTo(400);
		assertThat(MediaType.parseMediaType(result.getResponse().getContentType())
			.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
		assertThat(JsonPath.<String>read(body, "$.detail")).startsWith(detail);
		assertThat(body).doesNotContain("Exception", "at dev.", "not-a-cursor");
	}

	/** Rows in memory, answered in the order a keyset query would. */
	static final class TestRows {

		static final KeysetOrder ORDER = KeysetOrder.descending("createdAt", Instant.class)
			.thenDescending("id", UUID.class);

		/** 25 rows, in pairs sharing a creation time, newest first. */
		static final List<Row> ALL = IntStream.range(0, 25)
			.mapToObj((i) -> new Row(UUID.randomUUID(), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i / 2)))
			.sorted(Comparator.comparing(Row::createdAt).thenComparing(Row::id).reversed())
			.toList();

		static Window<Row> scroll(KeysetScrollPosition position, int size) {
			List<Row> after = ALL.stream().filter((row) -> position.isInitial() || isAfter(row, position)).toList();
			List<Row> page = after.subList(0, Math.min(size, after.size()));
			return Window.from(page,
					(i) -> ScrollPosition.forward(Map.of("createdAt", page.get(i).createdAt(), "id", page.get(i).id())),
					after.size() > size);
		}

		private static boolean isAfter(Row row, KeysetScrollPosition position) {
			Instant createdAt = (Instant) position.getKeys().get("createdAt");
			UUID id = (UUID) position.getKeys().get("id");
			int compared = row.createdAt().compareTo(createdAt);
			return compared < 0 || (compared == 0 && row.id().compareTo(id) < 0);
		}

	}

	record Row(UUID id, Instant createdAt) {
	}

	@RestController
	static class RowController {

		@GetMapping("/test/rows")
		CursorPage<Row> rows(CursorRequest request) {
			return CursorPage.of(TestRows.scroll(request.position(TestRows.ORDER), request.size()));
		}

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
			WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
			ValidationAutoConfiguration.class, RequestContextAutoConfiguration.class,
			WebHardeningAutoConfiguration.class, ErrorHandlingAutoConfiguration.class, PagingAutoConfiguration.class })
	@Import(RowController.class)
	static class PagingTestApplication {

	}

}
