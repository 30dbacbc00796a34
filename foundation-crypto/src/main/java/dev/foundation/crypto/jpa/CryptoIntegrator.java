package dev.foundation.crypto.jpa;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.foundation.core.config.InvalidFoundationPropertyException;
import dev.foundation.crypto.BlindIndexer;
import dev.foundation.crypto.FieldEncryptor;
import dev.foundation.crypto.Normalizer;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.mapping.PersistentClass;
import org.jspecify.annotations.Nullable;

/**
 * Wires foundation-crypto into every session factory (found through
 * {@code META-INF/services}): refuses to start when entities have {@link Encrypted}
 * attributes but no master key is configured, and registers the blind-index listener for
 * the {@link BlindIndex} attributes it finds.
 */
public final class CryptoIntegrator implements Integrator {

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
			SessionFactoryImplementor sessionFactory) {
		Object encryptor = sessionFactory.getProperties().get(CryptoHibernateSettings.FIELD_ENCRYPTOR);
		Object indexer = sessionFactory.getProperties().get(CryptoHibernateSettings.BLIND_INDEXER);
		Object registry = sessionFactory.getProperties().get(BlindIndexMappings.class.getName());
		BlindIndexMappings mappings = (registry instanceof BlindIndexMappings found) ? found : new BlindIndexMappings();
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
