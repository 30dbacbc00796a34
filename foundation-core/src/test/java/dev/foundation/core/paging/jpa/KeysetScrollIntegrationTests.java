package dev.foundation.core.paging.jpa;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.foundation.core.paging.CursorCodec;
import dev.foundation.core.paging.CursorPage;
import dev.foundation.core.paging.CursorRequest;
import dev.foundation.core.paging.KeysetOrder;
import dev.foundation.test.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.jpa.domain.PredicateSpecification;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KeysetScroll} against a real PostgreSQL: walking a list visits every row once in
 * the order, in both directions of sort, and the seek bound it adds never changes a
 * window from what Spring Data alone returns, forward or backward.
 */
@SpringBootTest(classes = KeysetScrollIntegrationTests.ArticlesApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "spring.flyway.locations=classpath:db/test-paging", "spring.jpa.hibernate.ddl-auto=validate",
				"spring.main.banner-mode=off" })
class KeysetScrollIntegrationTests {

	private static final KeysetOrder BY_TITLE = KeysetOrder.ascending("title", String.class)
		.thenAscending("id", UUID.class);

	private static final KeysetOrder NEWEST_FIRST = KeysetOrder.descending("createdAt", Instant.class)
		.thenDescending("id", UUID.class);

	@Autowired
	private TestArticleRepository articles;

	@Autowired
	private JdbcTemplate jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		TestPostgres postgres = TestPostgres.shared();
		String database = postgres.createDatabase("keyset_scroll");
		registry.add("spring.datasource.url", () -> postgres.jdbcUrl(database));
		registry.add("spring.datasource.username", postgres::username);
		registry.add("spring.datasource.password", postgres::password);
	}

	@BeforeEach
	void seedOnce() {
		if (this.articles.count() == 0) {
			// Ten titles, three articles each: the id decides among equal titles.
			for (int i = 0; i < 30; i++) {
				this.articles.save(new TestArticle("t-%02d".formatted(i % 10)));
			}
		}
	}

	@Test
	void walkingForwardVisitsEveryRowOnceInOrder() {
		assertThat(walk(BY_TITLE, PredicateSpecification.unrestricted()))
			.containsExactlyElementsOf(ids("select id from test_article order by title collate \"C\", id"));
		assertThat(walk(NEWEST_FIRST, PredicateSpecification.unrestricted()))
			.containsExactlyElementsOf(ids("select id from test_article order by created_at desc, id desc"));
		PredicateSpecification<TestArticle> oneTitle = (from, builder) -> builder.equal(from.get("title"), "t-03");
		assertThat(walk(BY_TITLE, oneTitle))
			.containsExactlyElementsOf(ids("select id from test_article where title = 't-03' order by id"));
	}

	@Test
	void seekBoundNeverChangesAWindow() {
		Map<ScrollPosition.Direction, Integer> nonEmpty = new java.util.EnumMap<>(ScrollPosition.Direction.class);
		for (KeysetOrder order : List.of(BY_TITLE, NEWEST_FIRST)) {
			for (TestArticle article : this.articles.findAll()) {
				Map<String, Object> keys = new LinkedHashMap<>();
				keys.put(order == BY_TITLE ? "title" : "createdAt",
						(order == BY_TITLE) ? article.getTitle() : fromDatabase(article).getCreatedAt());
				keys.put("id", article.getId());
				for (KeysetScrollPosition position : List.of(ScrollPosition.forward(keys),
						ScrollPosition.backward(keys))) {
					CursorRequest request = new CursorRequest(CursorCodec.encode(position), 4);
					Window<TestArticle> seeking = KeysetScroll.scroll(this.articles,
							PredicateSpecification.unrestricted(), order, request);
					Window<TestArticle> plain = this.articles.findBy(PredicateSpecification.unrestricted(),
							(query) -> query.sortBy(order.sort()).limit(4).scroll(position));
					assertThat(idsOf(seeking)).as("%s %s", order, position).isEqualTo(idsOf(plain));
					assertThat(seeking.hasNext()).isEqualTo(plain.hasNext());
					if (!seeking.isEmpty()) {
						nonEmpty.merge(position.getDirection(), 1, Integer::sum);
					}
				}
			}
		}
		// All but the list's first row have rows before them, all but its last rows after
		// them, in both orders.
		assertThat(nonEmpty).containsEntry(ScrollPosition.Direction.FORWARD, 58)
			.containsEntry(ScrollPosition.Direction.BACKWARD, 58);
	}

	private TestArticle fromDatabase(TestArticle article) {
		// The saved entity holds the JVM's nanoseconds; the row holds microseconds.
		return this.articles.findById(article.getId()).orElseThrow();
	}

	private List<UUID> walk(KeysetOrder order, PredicateSpecification<TestArticle> filter) {
		List<UUID> seen = new ArrayList<>();
		String cursor = null;
		do {
			Window<TestArticle> window = KeysetScroll.scroll(this.articles, filter, order,
					new CursorRequest(cursor, 4));
			seen.addAll(idsOf(window));
			cursor = CursorPage.of(window).next();
		}
		while (cursor != null && seen.size() <= 30);
		return seen;
	}

	private static List<UUID> idsOf(Window<TestArticle> window) {
		return window.stream().map(TestArticle::getId).toList();
	}

	private List<UUID> ids(String sql) {
		return this.jdbc.queryForList(sql, UUID.class);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
			FlywayAutoConfiguration.class, HibernateJpaAutoConfiguration.class, TransactionAutoConfiguration.class,
			DataJpaRepositoriesAutoConfiguration.class })
	@EntityScan(basePackageClasses = TestArticle.class)
	@EnableJpaRepositories(basePackageClasses = TestArticle.class)
	static class ArticlesApplication {

	}

}
