package dev.redisl2.hibernate;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import dev.redisl2.hibernate.entry.EntryFormat;

import org.hibernate.boot.spi.SessionFactoryOptions;

/**
 * Stands for a provider build with the previous entry format, so that a test can run two provider
 * versions side by side on one Redis: the factory with {@code entry_format} set to the previous format, both
 * where it is constructed and where Hibernate starts it (which reads the settings again).
 * Hibernate builds it by name through {@code hibernate.cache.region.factory_class}.
 */
public class PreviousEntryFormatRegionFactory extends RedisRegionFactory {

	public PreviousEntryFormatRegionFactory(Properties properties) {
		super( withPreviousFormat( properties ) );
	}

	@Override
	protected void prepareForUse(SessionFactoryOptions options, Map<String, Object> configValues) {
		Map<String, Object> previous = new HashMap<>( configValues );
		previous.put( RedisCacheSettings.ENTRY_FORMAT, String.valueOf( EntryFormat.VERSION - 1 ) );
		super.prepareForUse( options, previous );
	}

	private static Properties withPreviousFormat(Properties properties) {
		Properties previous = new Properties();
		previous.putAll( properties );
		previous.put( RedisCacheSettings.ENTRY_FORMAT, String.valueOf( EntryFormat.VERSION - 1 ) );
		return previous;
	}
}
