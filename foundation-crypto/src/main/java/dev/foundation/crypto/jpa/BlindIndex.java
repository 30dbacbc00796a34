package dev.foundation.crypto.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.foundation.crypto.ExactNormalizer;
import dev.foundation.crypto.Normalizer;

/**
 * Marks a {@code String} attribute as the blind index of an {@link Encrypted} sibling:
 * the foundation fills it whenever the entity is inserted or updated, from the sibling's
 * plaintext after normalization. Search it with
 * {@link BlindIndexLookup#values(Class, String, String)} and a finder such as
 * {@code findByEmailIndexIn(Collection<String>)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface BlindIndex {

	/**
	 * The name of the encrypted attribute this indexes.
	 * @return the attribute name, e.g. {@code "email"}
	 */
	String of();

	/**
	 * How values are brought to one form before indexing.
	 * @return the normalizer's class, with a public no-argument constructor
	 */
	Class<? extends Normalizer> normalizer() default ExactNormalizer.class;

}
