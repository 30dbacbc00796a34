package dev.foundation.core.paging.jpa;

import dev.foundation.core.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** The entity {@link KeysetScrollIntegrationTests} scrolls through. */
@Entity
@Table(name = "test_article")
class TestArticle extends BaseEntity {

	@Column(name = "title", nullable = false)
	private String title;

	protected TestArticle() {
		this.title = "";
	}

	TestArticle(String title) {
		this.title = title;
	}

	String getTitle() {
		return this.title;
	}

}
