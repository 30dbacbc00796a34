package dev.foundation.crypto.jpa;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.crypto.BlindIndexer;
import dev.foundation.crypto.EncryptedTable;
import dev.foundation.crypto.EncryptedTable.EncryptedColumn;
import dev.foundation.crypto.ExactNormalizer;
import dev.foundation.crypto.internal.ReEncryptionTables;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.Normalizer;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.annotations.TenantId;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.mapping.Property;
import org.hibernate.mapping.Table;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires foundation-crypto into every session factory (found through
 * {@code META-INF/services}): refuses to start when entities have {@link Encrypted}
 * attributes but no master key is configured, registers the blind-index listener for the
 * {@link BlindIndex} attributes it finds, and records the tables of the {@link Encrypted}
 * attributes for the re-encryption job ({@link MappedEncryptedTables}).
 */
public final class CryptoIntegrator implements Integrator {

	private static final Logger logger = LoggerFactory.getLogger(CryptoIntegrator.class);

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
			SessionFactoryImplementor sessionFactory) {
		Object encryptor = sessionFactory.getProperties().get(CryptoHibernateSettings.FIELD_ENCRYPTOR);
		Object indexer = sessionFactory.getProperties().get(CryptoHibernateSettings.BLIND_INDEXER);
		Object registry = sessionFactory.getProperties().get(BlindIndexMappings.class.getName());
		BlindIndexMappings mappings = (registry instanceof BlindIndexMappings found) ? found : new BlindIndexMappings();
		Object tables = sessionFactory.getProperties().get(MappedEncryptedTables.class.getName());
		for (PersistentClass entity : metadata.getEntityBindings()) {
			Class<?> type = entity.getMappedClass();
			if (type == null) {
				continue;
			}
			if (hasEncrypted(type) && !(encryptor instanceof FieldEncryptor)) {
				throw new InvalidFoundationPropertyException("foundation.crypto.master-keys",
						"the entity " + type.getName() + " has @Encrypted attributes but no master key is configured",
						"add a master key (foundation.crypto.master-keys[0].id and .key, 32 random bytes in "
								+ "base64, e.g. from `openssl rand -base64 32`)");
			}
			List<BlindIndexMapping> found = blindIndexes(entity, type);
			if (!found.isEmpty()) {
				mappings.register(entity.getEntityName(), found);
			}
			if (tables instanceof MappedEncryptedTables mapped) {
				encryptedTables(entity, type, found).forEach(mapped::add);
			}
		}
		if (!mappings.isEmpty() && indexer instanceof BlindIndexer blindIndexer) {
			BlindIndexListener listener = new BlindIndexListener(mappings, blindIndexer);
			// Hibernate registers this service in every session factory.
			EventListenerRegistry listeners = Objects
				.requireNonNull(sessionFactory.getServiceRegistry().getService(EventListenerRegistry.class));
			listeners.appendListeners(EventType.PRE_INSERT, listener);
			listeners.appendListeners(EventType.PRE_UPDATE, listener);
		}
	}

	private static List<BlindIndexMapping> blindIndexes(PersistentClass entity, Class<?> type) {
		List<BlindIndexMapping> mappings = new ArrayList<>();
		boolean tenantOwned = SessionTenant.isTenantOwned(type);
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				BlindIndex index = field.getAnnotation(BlindIndex.class);
				if (index == null) {
					continue;
				}
				Field source = field(type, index.of());
				Encrypted encrypted = (source != null && source.getType() == String.class)
						? source.getAnnotation(Encrypted.class) : null;
				if (encrypted == null || field.getType() != String.class) {
					throw new IllegalStateException("@BlindIndex on " + type.getName() + "." + field.getName()
							+ " must be a String naming an @Encrypted String attribute, not '" + index.of() + "'");
				}
				String table = encrypted.table().isEmpty() ? entity.getTable().getName() : encrypted.table();
				String column = encrypted.column().isEmpty()
						? entity.getProperty(index.of()).getColumns().get(0).getName() : encrypted.column();
				mappings.add(new BlindIndexMapping(entity.getEntityName(), field.getName(), index.of(),
						instantiate(index.normalizer()), table.replace("\"", ""), column.replace("\"", ""),
						tenantOwned));
			}
		}
		return mappings;
	}

	/**
	 * The tables of an entity's {@link Encrypted} attributes as the re-encryption job
	 * walks them, one per table. An attribute the job cannot walk is left out with a
	 * warning: one whose associated data names another table or column than the mapped
	 * ones, one in another table than its entity's tenant column (joined inheritance), or
	 * an entity without a single-column key.
	 */
	private static List<EncryptedTable> encryptedTables(PersistentClass entity, Class<?> type,
			List<BlindIndexMapping> blindIndexes) {
		List<EncryptedTable> tables = new ArrayList<>();
		Property tenant = tenantProperty(entity, type);
		for (Property property : entity.getPropertyClosure()) {
			Encrypted encrypted = encrypted(type, property.getName());
			if (encrypted == null) {
				continue;
			}
			String what = type.getName() + "." + property.getName();
			Table table = property.getValue().getTable();
			String tableName = unquote(table.getName());
			String column = unquote(property.getColumns().get(0).getName());
			if ((!encrypted.table().isEmpty() && !encrypted.table().equals(tableName))
					|| (!encrypted.column().isEmpty() && !encrypted.column().equals(column))) {
				skip(what, "its associated data names another table or column than the mapped ones");
				continue;
			}
			if (tenant != null && tenant.getValue().getTable() != table) {
				skip(what, "its entity's tenant column is in another table");
				continue;
			}
			List<org.hibernate.mapping.Column> keys = entity.getKey().getColumns();
			if (keys.size() != 1 || entity.getTable() != table) {
				skip(what, "its table has no single-column key of the entity");
				continue;
			}
			BlindIndexMapping index = blindIndexes.stream()
				.filter((mapping) -> mapping.sourceAttribute().equals(property.getName()))
				.findFirst()
				.orElse(null);
			boolean binary = property.getType().getReturnedClass() == byte[].class;
			EncryptedColumn encryptedColumn = (index != null)
					? new EncryptedColumn(column, binary,
							unquote(entity.getProperty(index.indexAttribute()).getColumns().get(0).getName()),
							index.normalizer())
					: (binary ? new EncryptedColumn(column, true, null, new ExactNormalizer())
							: EncryptedColumn.text(column));
			String tenantColumn = (tenant != null) ? unquote(tenant.getColumns().get(0).getName()) : null;
			EncryptedTable single = new EncryptedTable(tableName, unquote(keys.get(0).getName()), tenantColumn,
					List.of(encryptedColumn));
			int known = -1;
			for (int i = 0; i < tables.size(); i++) {
				if (tables.get(i).table().equals(tableName)) {
					known = i;
				}
			}
			if (known < 0) {
				tables.add(single);
			}
			else {
				tables.set(known, ReEncryptionTables.withMissingColumns(tables.get(known), single.columns()));
			}
		}
		return tables;
	}

	private static @Nullable Property tenantProperty(PersistentClass entity, Class<?> type) {
		for (Property property : entity.getPropertyClosure()) {
			Field field = field(type, property.getName());
			if (field != null && field.isAnnotationPresent(TenantId.class)) {
				return property;
			}
		}
		return null;
	}

	private static @Nullable Encrypted encrypted(Class<?> type, String attribute) {
		Field field = field(type, attribute);
		if (field != null && field.isAnnotationPresent(Encrypted.class)) {
			return field.getAnnotation(Encrypted.class);
		}
		String getter = "get" + Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1);
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			try {
				Encrypted onGetter = current.getDeclaredMethod(getter).getAnnotation(Encrypted.class);
				if (onGetter != null) {
					return onGetter;
				}
			}
			catch (NoSuchMethodException ex) {
				// look further up
			}
		}
		return null;
	}

	private static void skip(String attribute, String reason) {
		logger.warn("The encrypted attribute {} is left out of the tables the re-encryption job finds: {}", attribute,
				reason);
	}

	private static String unquote(String name) {
		return name.replace("\"", "").replace("`", "");
	}

	private static boolean hasEncrypted(Class<?> type) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (field.isAnnotationPresent(Encrypted.class)) {
					return true;
				}
			}
		}
		return false;
	}

	private static @Nullable Field field(Class<?> type, String name) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			try {
				return current.getDeclaredField(name);
			}
			catch (NoSuchFieldException ex) {
				// look further up
			}
		}
		return null;
	}

	private static Normalizer instantiate(Class<? extends Normalizer> type) {
		try {
			return type.getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(
					"The normalizer " + type.getName() + " needs a public no-argument " + "constructor", ex);
		}
	}

}
