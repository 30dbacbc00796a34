package dev.foundation.test.architecture;

import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.Source;

/**
 * The auto-configuration imports file of each class path entry (a jar or a classes
 * directory): a class counts as listed only in the file that ships beside it, the one
 * Spring Boot reads for the jar that holds it.
 */
final class AutoConfigurationImports {

	private final String location;

	private final Map<String, Set<String>> listedByEntry = new ConcurrentHashMap<>();

	AutoConfigurationImports(String location) {
		this.location = location;
	}

	String location() {
		return this.location;
	}

	/**
	 * Returns the class path entry (a URI ending in {@code /} or {@code !/}) a class was
	 * imported from.
	 * @param javaClass a top-level class
	 * @return the entry, or empty when ArchUnit knows no source for the class
	 */
	static Optional<String> entryOf(JavaClass javaClass) {
		Optional<Source> source = javaClass.getSource();
		if (source.isEmpty()) {
			return Optional.empty();
		}
		String uri = source.get().getUri().toString();
		String path = javaClass.getName().replace('.', '/') + ".class";
		return uri.endsWith(path) ? Optional.of(uri.substring(0, uri.length() - path.length())) : Optional.empty();
	}

	/**
	 * Returns the class names the imports file of a class path entry lists.
	 * @param entry the entry, as {@link #entryOf(JavaClass)} returns it
	 * @return the names in file order, empty when the entry has no imports file
	 */
	Set<String> listedIn(String entry) {
		return this.listedByEntry.computeIfAbsent(entry, this::read);
	}

	/**
	 * Returns the file that {@link #listedIn(String)} reads.
	 * @param entry the class path entry
	 * @return the file's URI
	 */
	String fileIn(String entry) {
		return entry + this.location;
	}

	private Set<String> read(String entry) {
		Set<String> names = new LinkedHashSet<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(URI.create(fileIn(entry)).toURL().openStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				// Spring Boot's format: one class per line, '#' starts a comment.
				int comment = line.indexOf('#');
				String name = ((comment >= 0) ? line.substring(0, comment) : line).trim();
				if (!name.isEmpty()) {
					names.add(name);
				}
			}
		}
		catch (FileNotFoundException | NoSuchFileException ex) {
			return Set.of();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + fileIn(entry), ex);
		}
		return names;
	}

}
