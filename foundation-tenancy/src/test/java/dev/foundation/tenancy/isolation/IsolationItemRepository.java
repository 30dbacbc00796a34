package dev.foundation.tenancy.isolation;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

// Read methods carry no @Transactional on purpose: the foundation runs declared query methods in a read-only
// transaction when called outside one, which is what binds the tenant for row-level security.
interface IsolationItemRepository extends JpaRepository<IsolationItem, UUID> {

	List<IsolationItem> findByTag(int tag);

	long countByTag(int tag);

	@Query("select i from IsolationItem i where i.label like concat(:prefix, '%')")
	List<IsolationItem> searchByLabelPrefix(String prefix);

	@Query("select i from IsolationItem i where i.tenantId = :tenantId")
	List<IsolationItem> findByTenant(UUID tenantId);

	@Transactional
	@Modifying
	@Query("update IsolationItem i set i.label = :label where i.id = :id")
	int relabel(UUID id, String label);

	@Transactional
	@Modifying
	@Query("update IsolationItem i set i.label = :label where i.tag = :tag")
	int relabelTag(int tag, String label);

	@Transactional
	@Modifying
	@Query("delete from IsolationItem i where i.tag = :tag")
	int deleteTag(int tag);

	@Transactional
	@Modifying
	@Query("delete from IsolationItem i")
	int deleteEverythingVisible();

}
