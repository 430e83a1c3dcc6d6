package dev.redisl2.it.security;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Watches a test's nodes for any attempt to load, initialise or construct the {@link Canary} class that
 * forged entries name: records every class name Hibernate's class loading (which the codec uses) and the
 * context class loader (which Jackson uses) are asked for. Registered with {@code @RegisterExtension}; the
 * test passes {@link #settings()} to its nodes.
 */
final class CanaryGuard implements BeforeEachCallback, AfterEachCallback {

	static final String CANARY = "dev.redisl2.it.security.Canary";

	static final class RecordingClassLoader extends ClassLoader {

		final List<String> requested = new CopyOnWriteArrayList<>();

		RecordingClassLoader() {
			super( CanaryGuard.class.getClassLoader() );
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			requested.add( name );
			return super.loadClass( name, resolve );
		}
	}

	private final RecordingClassLoader loader = new RecordingClassLoader();
	private ClassLoader previousContextLoader;

	/** Settings that route the nodes' class loading through the recorder. */
	Map<String, Object> settings() {
		Map<String, Object> settings = new HashMap<>();
		settings.put( "hibernate.classLoaders", List.of( loader ) );
		return settings;
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		previousContextLoader = Thread.currentThread().getContextClassLoader();
		Thread.currentThread().setContextClassLoader( loader );
	}

	@Override
	public void afterEach(ExtensionContext context) {
		Thread.currentThread().setContextClassLoader( previousContextLoader );
		assertFalse( CanaryFlags.initialised, "Canary was initialised" );
		assertFalse( CanaryFlags.constructed, "Canary was constructed" );
		for ( String name : loader.requested ) {
			assertFalse( name.contains( "Canary" ), "a class loader was asked for " + name );
		}
	}
}
