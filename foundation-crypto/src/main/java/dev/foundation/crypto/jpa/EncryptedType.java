package dev.foundation.crypto.jpa;

import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;

import dev.foundation.crypto.EncryptionContext;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.KeyDestroyedException;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.usertype.DynamicParameterizedType;
import org.hibernate.usertype.LoggableUserType;
import org.hibernate.usertype.UserType;
import org.jspecify.annotations.Nullable;

/**
 * The Hibernate type behind {@link Encrypted}: the entity holds the plaintext (so dirty
 * checking compares plaintexts and an unchanged value is never re-encrypted), the column
 * holds the ciphertext. Encryption happens when Hibernate binds the value, decryption
 * when it reads the row; the associated data is the mapped table and column and the
 * {@linkplain SessionTenant session's tenant}. Bound values are logged as
 * {@code [encrypted]}.
 */
public final class EncryptedType implements UserType<Object>, DynamicParameterizedType, LoggableUserType {

	private boolean binary;

	private String table = "";

	private String column = "";

	private String attribute = "";

	private boolean tenantOwned;

	private volatile @Nullable FieldEncryptor encryptor;

	@Override
	public void setParameterValues(Properties parameters) {
		ParameterType type = (ParameterType) parameters.get(PARAMETER_TYPE);
		if (type == null) {
			throw new IllegalStateException("@Encrypted needs Hibernate's dynamic type parameters");
		}
		Class<?> returned = type.getReturnedClass();
		if (returned != String.class && returned != byte[].class) {
			throw new IllegalStateException("@Encrypted applies to String and byte[] attributes, not " + returned);
		}
		this.binary = (returned == byte[].class);
		Encrypted annotation = find(type.getAnnotationsMethod());
		String[] columns = type.getColumns();
		this.table = (annotation != null && !annotation.table().isEmpty()) ? annotation.table()
				: unquote(type.getTable());
		this.column = (annotation != null && !annotation.column().isEmpty()) ? annotation.column()
				: unquote(columns[0]);
		String entity = parameters.getProperty(ENTITY, "");
		this.attribute = entity + "." + parameters.getProperty(PROPERTY);
		this.tenantOwned = SessionTenant.isTenantOwned(load(entity));
	}

	@Override
	public int getSqlType() {
		return this.binary ? Types.VARBINARY : Types.VARCHAR;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Class<Object> returnedClass() {
		return (Class<Object>) (Class<?>) (this.binary ? byte[].class : String.class);
	}

	@Override
	public @Nullable Object nullSafeGet(ResultSet rs, int position, WrapperOptions options) throws SQLException {
		if (this.binary) {
			byte[] ciphertext = rs.getBytes(position);
			return (ciphertext != null) ? decrypt(ciphertext, options) : null;
		}
		String ciphertext = rs.getString(position);
		return (ciphertext != null) ? decrypt(ciphertext, options) : null;
	}

	private @Nullable Object decrypt(Object ciphertext, WrapperOptions options) {
		EncryptionContext context = context(options);
		try {
			return (ciphertext instanceof byte[] bytes) ? encryptor(options).decrypt(bytes, context)
					: encryptor(options).decryptString((String) ciphertext, context);
		}
		catch (KeyDestroyedException ex) {
			Object placeholder = options.getSessionFactory()
				.getProperties()
				.get(CryptoHibernateSettings.SHREDDED_PLACEHOLDER);
			if (placeholder instanceof String text && !this.binary) {
				return text;
			}
			throw ex;
		}
	}

	@Override
	public void nullSafeSet(PreparedStatement st, @Nullable Object value, int index, WrapperOptions options)
			throws SQLException {
		if (value == null) {
			st.setNull(index, getSqlType());
		}
		else if (value instanceof byte[] bytes) {
			st.setBytes(index, encryptor(options).encrypt(bytes, context(options)));
		}
		else {
			st.setString(index, encryptor(options).encryptToString((String) value, context(options)));
		}
	}

	private EncryptionContext context(WrapperOptions options) {
		UUID tenant = SessionTenant.of(options.getSession(), this.tenantOwned, this.attribute);
		return EncryptionContext.of(tenant, this.table, this.column);
	}

	private FieldEncryptor encryptor(WrapperOptions options) {
		FieldEncryptor encryptor = this.encryptor;
		if (encryptor == null) {
			Object candidate = options.getSessionFactory().getProperties().get(CryptoHibernateSettings.FIELD_ENCRYPTOR);
			if (!(candidate instanceof FieldEncryptor found)) {
				throw new IllegalStateException(
						"The encrypted attribute " + this.attribute + " needs foundation-crypto's "
								+ "FieldEncryptor, but none is configured: set foundation.crypto.master-keys");
			}
			encryptor = found;
			this.encryptor = encryptor;
		}
		return encryptor;
	}

	@Override
	public boolean equals(@Nullable Object x, @Nullable Object y) {
		if (x instanceof byte[] a && y instanceof byte[] b) {
			return Arrays.equals(a, b);
		}
		return Objects.equals(x, y);
	}

	@Override
	public int hashCode(@Nullable Object x) {
		return (x instanceof byte[] bytes) ? Arrays.hashCode(bytes) : Objects.hashCode(x);
	}

	@Override
	public @Nullable Object deepCopy(@Nullable Object value) {
		return (value instanceof byte[] bytes) ? bytes.clone() : value;
	}

	@Override
	public boolean isMutable() {
		return this.binary;
	}

	@Override
	public @Nullable Serializable disassemble(@Nullable Object value) {
		return (Serializable) deepCopy(value);
	}

	@Override
	public @Nullable Object assemble(@Nullable Serializable cached, @Nullable Object owner) {
		return deepCopy(cached);
	}

	@Override
	public String toLoggableString(@Nullable Object value, SessionFactoryImplementor factory) {
		return (value != null) ? "[encrypted]" : "null";
	}

	private static @Nullable Encrypted find(Annotation @Nullable [] annotations) {
		if (annotations != null) {
			for (Annotation annotation : annotations) {
				if (annotation instanceof Encrypted encrypted) {
					return encrypted;
				}
			}
		}
		return null;
	}

	private static String unquote(String name) {
		return name.replace("\"", "").replace("`", "");
	}

	private static Class<?> load(String entity) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		try {
			return Class.forName(entity, false, (loader != null) ? loader : EncryptedType.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			try {
				return Class.forName(entity, false, EncryptedType.class.getClassLoader());
			}
			catch (ClassNotFoundException again) {
				throw new IllegalStateException("Cannot load the entity class " + entity, again);
			}
		}
	}

}
