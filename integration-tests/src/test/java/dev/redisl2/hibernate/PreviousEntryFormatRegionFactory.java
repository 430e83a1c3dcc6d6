package dev.redisl2.hibernate;

import java.util.Properties;

import dev.redisl2.hibernate.entry.EntryFormat;

/**
 * Stands for a provider build with the previous entry format, so that a test can run two provider
 * versions side by side on one Redis. It lives in the provider's package to reach the package-private
 * constructor; Hibernate builds it by name through {@code hibernate.cache.region.factory_class}.
 */
public class PreviousEntryFormatRegionFactory extends RedisRegionFactory {

	public PreviousEntryFormatRegionFactory(Properties properties) {
		super( properties, EntryFormat.VERSION - 1 );
	}
}
