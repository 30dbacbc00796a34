package dev.foundation.crypto.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.hibernate.annotations.Type;

/**
 * Encrypts a {@code String} attribute (stored as text in a {@code text}/{@code varchar}
 * column) or a {@code byte[]} attribute (binary, in a {@code bytea} column) with the
 * {@link dev.foundation.crypto.FieldEncryptor}: on write, when the value changed (dirty
 * checking compares plaintexts, so an unchanged value is never re-encrypted), and on
 * read.
 * <p>
 * The associated data comes from the mapping, never from callers: the entity's table and
 * the attribute's column, and for entities with a Hibernate {@code @TenantId} (such as
 * {@code TenantOwnedEntity}) the session's tenant, which Hibernate guarantees to be the
 * row's own tenant (it filters reads by it and refuses writes into another). Such
 * entities' encrypted attributes are therefore read and written inside a tenant scope,
 * never in the system scope.
 * <p>
 * Queries cannot compare encrypted columns (each encryption is randomized): search with a
 * {@link BlindIndex} instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.METHOD })
@Type(EncryptedType.class)
public @interface Encrypted {

	/**
	 * The table name bound into the associated data, when it must differ from the mapped
	 * one (e.g. after renaming the table without re-encrypting).
	 * @return the name, empty for the mapped table
	 */
	String table() default "";

	/**
	 * The column name bound into the associated data, when it must differ from the mapped
	 * one.
	 * @return the name, empty for the mapped column
	 */
	String column() default "";

}
