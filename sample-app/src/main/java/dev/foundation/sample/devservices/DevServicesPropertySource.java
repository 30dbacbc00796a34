package dev.foundation.sample.devservices;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The properties of the development services started for one environment, and the owner
 * of those services: closing it stops them, once, whether the application context closes
 * first or the JVM exits.
 */
final class DevServicesPropertySource extends MapPropertySource implements AutoCloseable {

	static final String NAME = "sampleDevServices";

	private final List<DevService> services = new ArrayList<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Thread shutdownHook = new Thread(this::close, "sample-dev-services-stop");

	DevServicesPropertySource() {
		super(NAME, Collections.synchronizedMap(new LinkedHashMap<>()));
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/** Takes ownership of a started service and exposes its properties. */
	void add(DevService service) {
		this.services.add(service);
		this.source.putAll(service.properties());
	}

	/** Adds a property that belongs to no server (e.g. generated for this run). */
	void put(String name, Object value) {
		this.source.put(name, value);
	}

	/** The source of this name in the environment, if it is one of ours. */
	static @Nullable DevServicesPropertySource in(ConfigurableEnvironment environment) {
		return (environment.getPropertySources().get(NAME) instanceof DevServicesPropertySource source) ? source : null;
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		if (Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is already shutting down; the hook then finds this source
				// closed.
			}
		}
		List<DevService> started = new ArrayList<>(this.services);
		Collections.reverse(started);
		for (DevService service : started) {
			try {
				service.stop();
			}
			catch (Exception ex) {
				System.err.println("Could not stop " + service.description() + ": " + ex);
			}
		}
	}

	boolean isClosed() {
		return this.closed.get();
	}

}
