package dev.redisl2.sample;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Bootstraps the sample persistence units ({@code META-INF/persistence.xml}) with the settings that
 * are not in the XML: where Redis is and which key prefix to use.
 *
 * <pre>{@code
 * EntityManagerFactory emf = SampleApp.entityManagerFactory("sample", SampleApp.settings()
 *         .redisUrl("redis://127.0.0.1:6390")
 *         .keyPrefix("myapp")
 *         .jdbcUrl("jdbc:h2:mem:mydb;DB_CLOSE_DELAY=-1")
 *         .schemaAction("create")
 *         .build());
 * }</pre>
 */
public final class SampleApp {

	/** Persistence unit with every sample entity except {@link Note}. */
	public static final String UNIT_SAMPLE = "sample";
	/** Persistence unit with the multi-tenant {@link Note} only. */
	public static final String UNIT_TENANTS = "tenants";
	/** Persistence unit with {@link Product}, {@link Supplier} and {@link Review}: an entity graph. */
	public static final String UNIT_GRAPH = "graph";

	/** Provider settings (owned by the provider module; repeated here as plain strings). */
	public static final String REDIS_URL = "hibernate.cache.redis.url";
	public static final String REDIS_KEY_PREFIX = "hibernate.cache.redis.key_prefix";

	public static final String JDBC_URL = "jakarta.persistence.jdbc.url";
	/** create / create-drop / update / validate / none. */
	public static final String SCHEMA_ACTION = "hibernate.hbm2ddl.auto";

	private SampleApp() {
	}

	/** {@link Persistence#createEntityManagerFactory(String, Map)} with {@code overrides} on top of the XML. */
	public static EntityManagerFactory entityManagerFactory(String unit, Map<String, Object> overrides) {
		Objects.requireNonNull(unit, "unit");
		return Persistence.createEntityManagerFactory(unit, new HashMap<>(overrides == null ? Map.of() : overrides));
	}

	/** H2 in-memory URL for a named database that lives until the JVM exits (or SHUTDOWN). */
	public static String h2MemUrl(String databaseName) {
		return "jdbc:h2:mem:" + databaseName + ";DB_CLOSE_DELAY=-1";
	}

	public static Settings settings() {
		return new Settings();
	}

	/** A small builder for the override map. */
	public static final class Settings {
		private final Map<String, Object> map = new HashMap<>();

		public Settings redisUrl(String url) {
			map.put(REDIS_URL, url);
			return this;
		}

		public Settings keyPrefix(String prefix) {
			map.put(REDIS_KEY_PREFIX, prefix);
			return this;
		}

		public Settings jdbcUrl(String url) {
			map.put(JDBC_URL, url);
			return this;
		}

		public Settings schemaAction(String action) {
			map.put(SCHEMA_ACTION, action);
			return this;
		}

		public Settings set(String key, Object value) {
			map.put(key, value);
			return this;
		}

		public Settings setAll(Map<String, ?> more) {
			map.putAll(more);
			return this;
		}

		public Map<String, Object> build() {
			return new HashMap<>(map);
		}
	}
}
