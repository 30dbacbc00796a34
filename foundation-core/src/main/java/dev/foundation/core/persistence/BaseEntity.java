package dev.foundation.core.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import org.hibernate.Hibernate;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.UpdateTimestamp;
import org.hibernate.annotations.UuidGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Base of entities: a time-ordered UUID id (version 7, RFC 9562, so inserts stay near the
 * end of the primary-key index), creation and update timestamps, and an optimistic-lock
 * version.
 * <p>
 * Columns: {@code id uuid}, {@code created_at timestamptz},
 * {@code updated_at timestamptz}, {@code version bigint}. Equality is by id, and an
 * entity without id (not yet persisted) is equal only to itself.
 */
@MappedSuperclass
public abstract class BaseEntity {

	@Id
	@GeneratedValue
	@UuidGenerator(style = UuidGenerator.Style.VERSION_7)
	@Column(name = "id", nullable = false, updatable = false)
	private @Nullable UUID id;

	@CreationTimestamp
	@Column(name = "created_at", nullable = false, updatable = false)
	private @Nullable Instant createdAt;

	@UpdateTimestamp
	@Column(name = "updated_at", nullable = false)
	private @Nullable Instant updatedAt;

	@Version
	@Column(name = "version", nullable = false)
	private long version;

	/**
	 * Returns the id, assigned when the entity is first persisted.
	 * @return the id, or {@code null} before that
	 */
	public @Nullable UUID getId() {
		return this.id;
	}

	/**
	 * Returns when the entity was first persisted.
	 * @return the creation time, or {@code null} before that
	 */
	public @Nullable Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * Returns when the entity was last written.
	 * @return the update time, or {@code null} before the first write
	 */
	public @Nullable Instant getUpdatedAt() {
		return this.updatedAt;
	}

	/**
	 * Returns the optimistic-lock version; a stale version makes an update fail with a
	 * conflict.
	 * @return the version
	 */
	public long getVersion() {
		return this.version;
	}

	@Override
	public final boolean equals(@Nullable Object other) {
		if (this == other) {
			return true;
		}
		if (other == null || Hibernate.getClass(this) != Hibernate.getClass(other)) {
			return false;
		}
		return this.id != null && this.id.equals(((BaseEntity) other).getId());
	}

	@Override
	public final int hashCode() {
		// Constant per class: the id changes from null to a value when persisted.
		return Hibernate.getClass(this).hashCode();
	}

	@Override
	public String toString() {
		return Hibernate.getClass(this).getSimpleName() + "[id=" + this.id + "]";
	}

}
