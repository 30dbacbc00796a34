package dev.foundation.core.paging.jpa;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface TestArticleRepository extends JpaRepository<TestArticle, UUID>, JpaSpecificationExecutor<TestArticle> {

}
