package dev.redisl2.spring;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The Hibernate settings the starter adds to the JPA properties, from the application's configuration:
 * <ul>
 *   <li>the region factory and the second-level cache switched on (unless {@code redisl2.enabled=false}, or
 *       the application set them itself);</li>
 *   <li>every {@code redisl2.<setting>} as {@code hibernate.cache.redis.<setting>} ({@code redisl2.near-cache.max-entries}
 *       becomes {@code near_cache.max_entries});</li>
 *   <li>where no Redis is named that way, the one Spring Data Redis uses ({@code spring.data.redis.*}: url,
 *       host, port, database, username, password, ssl, sentinel, cluster).</li>
 * </ul>
 * Settings the application put under {@code spring.jpa.properties} win over all of these.
 */
public final class CacheSettingsFromSpring {

	public static final String PREFIX = "hibernate.cache.redis.";

	private CacheSettingsFromSpring() {
	}

	/** Adds the derived settings to Hibernate's properties, never replacing one already there. */
	public static void apply(Environment environment, Map<String, Object> hibernate) {
		Binder binder = Binder.get( environment );
		if ( !binder.bind( "redisl2.enabled", Boolean.class ).orElse( true ) ) {
			return;
		}
		hibernate.putIfAbsent( "hibernate.cache.region.factory_class", "redisl2" );
		hibernate.putIfAbsent( "hibernate.cache.use_second_level_cache", "true" );
		Map<String, String> own = binder.bind( "redisl2", Bindable.mapOf( String.class, String.class ) ).orElse( Map.of() );
		own.forEach( (name, value) -> {
			if ( !name.equals( "enabled" ) ) {
				hibernate.putIfAbsent( PREFIX + name.replace( '-', '_' ), value );
			}
		} );
		if ( !hibernate.containsKey( PREFIX + "url" ) && !hibernate.containsKey( PREFIX + "cluster.nodes" )
				&& !hibernate.containsKey( PREFIX + "sentinel.nodes" ) ) {
			fromSpringDataRedis( binder, hibernate );
		}
	}

	private static void fromSpringDataRedis(Binder binder, Map<String, Object> hibernate) {
		Map<String, String> redis = new TreeMap<>( binder.bind( "spring.data.redis", Bindable.mapOf( String.class, String.class ) )
				.orElse( Map.of() ) );
		String user = redis.get( "username" );
		String password = redis.get( "password" );
		if ( redis.containsKey( "cluster.nodes" ) ) {
			hibernate.put( PREFIX + "cluster.nodes", redis.get( "cluster.nodes" ) );
		}
		else if ( redis.containsKey( "sentinel.master" ) && redis.containsKey( "sentinel.nodes" ) ) {
			hibernate.put( PREFIX + "sentinel.master", redis.get( "sentinel.master" ) );
			hibernate.put( PREFIX + "sentinel.nodes", redis.get( "sentinel.nodes" ) );
		}
		else if ( redis.containsKey( "url" ) ) {
			hibernate.put( PREFIX + "url", redis.get( "url" ) );
			return; // the URL carries its own credentials and scheme
		}
		else {
			boolean ssl = Boolean.parseBoolean( redis.getOrDefault( "ssl.enabled", "false" ) );
			String database = redis.getOrDefault( "database", "0" );
			hibernate.put( PREFIX + "url", ( ssl ? "rediss://" : "redis://" ) + redis.getOrDefault( "host", "localhost" ) + ':'
					+ redis.getOrDefault( "port", "6379" ) + '/' + database );
		}
		if ( password != null ) {
			hibernate.putIfAbsent( PREFIX + "password", password );
			if ( user != null ) {
				hibernate.putIfAbsent( PREFIX + "user", user );
			}
		}
	}

}
