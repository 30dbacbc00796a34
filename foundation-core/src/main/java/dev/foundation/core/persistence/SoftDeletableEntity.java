package dev.foundation.core.persistence;

import jakarta.persistence.MappedSuperclass;
import org.hibernate.annotations.SoftDelete;
import org.hibernate.annotations.SoftDeleteType;

/**
 * A {@link BaseEntity} whose deletion only marks it deleted, using Hibernate's own
 * soft-delete support.
 * <p>
 * {@code repository.delete(entity)} sets the {@code deleted_at timestamptz} column to the
 * deletion time instead of removing the row, and every Hibernate query (HQL, criteria,
 * Spring Data derived queries, {@code find}) excludes deleted rows. Native SQL sees them:
 * add {@code where deleted_at is null} there.
 */
@MappedSuperclass
@SoftDelete(strategy = SoftDeleteType.TIMESTAMP, columnName = "deleted_at")
public abstract class SoftDeletableEntity extends BaseEntity {

}
