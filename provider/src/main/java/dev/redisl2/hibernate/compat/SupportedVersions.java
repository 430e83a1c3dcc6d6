package dev.redisl2.hibernate.compat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.hibernate.Version;
import org.hibernate.cache.CacheException;
import org.jboss.logging.Logger;

/**
 * The Hibernate ORM and Jedis versions this provider runs on, checked when Hibernate builds the region
 * factory: an unsupported version is refused there, with the supported range in the first line, instead
 * of failing later with a {@code NoSuchMethodError} in a user's transaction.
 * <ul>
 *   <li>Hibernate ORM 6.6 and 7.0 to 7.4, each tested in CI (see docs/compatibility.md). A newer 7.x starts
 *       with a warning: the cache SPI is stable within a major version, but it has not been tested.</li>
 *   <li>Jedis 6.0 or newer: the version Spring Boot 3.5 manages, and the oldest tested in CI.</li>
 * </ul>
 */
public final class SupportedVersions {

	public static final String HIBERNATE_RANGE = "Hibernate ORM 6.6.x and 7.0.x to 7.4.x";
	public static final String JEDIS_MINIMUM = "6.0.0";

	private static final Logger LOG = Logger.getLogger( SupportedVersions.class );

	private SupportedVersions() {
	}

	/** Refuses, with the supported range, a Hibernate or Jedis this provider cannot run on. */
	public static void check() {
		checkHibernate( Version.getVersionString() );
		checkJedis( jedisFromPom() );
		if ( !HibernateSpi.resolved() ) {
			throw new CacheException( "redisl2 supports " + HIBERNATE_RANGE + "; this Hibernate ("
					+ Version.getVersionString() + ") lacks JavaType.coerce" );
		}
	}

	static void checkHibernate(String version) {
		int[] v = parse( version );
		if ( v == null ) {
			LOG.warnf( "redisl2: cannot read the Hibernate ORM version '%s'; supported: %s", version, HIBERNATE_RANGE );
			return;
		}
		boolean supported = ( v[0] == 6 && v[1] == 6 ) || ( v[0] == 7 && v[1] <= 4 );
		if ( supported ) {
			return;
		}
		if ( v[0] == 7 ) {
			LOG.warnf( "redisl2: Hibernate ORM %s is newer than the newest tested line; supported: %s", version, HIBERNATE_RANGE );
			return;
		}
		throw new CacheException( "redisl2 supports " + HIBERNATE_RANGE + ", not Hibernate ORM " + version
				+ ". With Spring Boot, Boot 3.5 (Hibernate 6.6) and Boot 4.x (Hibernate 7) work as they come." );
	}

	static void checkJedis(String version) {
		int[] v = parse( version );
		if ( v == null ) {
			return; // a repackaged or shaded Jedis: nothing to go by
		}
		if ( v[0] < 6 ) {
			throw new CacheException( "redisl2 needs Jedis " + JEDIS_MINIMUM + " or newer, not Jedis " + version
					+ ". Maven: <dependency>redis.clients:jedis:7.4.1</dependency>; Spring Boot: <jedis.version>7.4.1</jedis.version>" );
		}
	}

	/** Major and minor of a version such as "7.4.15.Final" or "6.0.0"; null when unreadable. */
	static int[] parse(String version) {
		if ( version == null ) {
			return null;
		}
		String[] parts = version.split( "\\." );
		try {
			return parts.length < 2 ? null : new int[] { Integer.parseInt( parts[0] ), Integer.parseInt( parts[1] ) };
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	private static String jedisFromPom() {
		try ( InputStream in = redis.clients.jedis.UnifiedJedis.class.getResourceAsStream(
				"/META-INF/maven/redis.clients/jedis/pom.properties" ) ) {
			if ( in == null ) {
				return null;
			}
			Properties pom = new Properties();
			pom.load( in );
			return pom.getProperty( "version" );
		}
		catch (IOException e) {
			return null;
		}
	}
}
