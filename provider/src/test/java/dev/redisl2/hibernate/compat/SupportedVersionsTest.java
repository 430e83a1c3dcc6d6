package dev.redisl2.hibernate.compat;

import static org.junit.jupiter.api.Assertions.*;

import org.hibernate.cache.CacheException;
import org.junit.jupiter.api.Test;

class SupportedVersionsTest {

	@Test
	void everyTestedHibernateLine_isAccepted() {
		for ( String version : new String[] { "6.6.0.Final", "6.6.56.Final", "7.0.10.Final", "7.1.35.Final", "7.2.19.Final",
				"7.3.13.Final", "7.4.16.Final", "7.5.0.CR1" } ) {
			assertDoesNotThrow( () -> SupportedVersions.checkHibernate( version ), version );
		}
	}

	@Test
	void anUnsupportedHibernate_isRefused_withTheSupportedRangeFirst() {
		for ( String version : new String[] { "6.5.3.Final", "6.4.0.Final", "5.6.15.Final", "8.0.0.Final" } ) {
			CacheException refused = assertThrows( CacheException.class, () -> SupportedVersions.checkHibernate( version ) );
			assertTrue( refused.getMessage().startsWith( "redisl2 supports Hibernate ORM 6.6.x and 7.0.x to 7.4.x, not Hibernate ORM " + version ),
					refused.getMessage() );
		}
	}

	@Test
	void aJedisBefore6_isRefused_withTheMinimumAndTheOverride() {
		CacheException refused = assertThrows( CacheException.class, () -> SupportedVersions.checkJedis( "5.2.0" ) );
		assertTrue( refused.getMessage().startsWith( "redisl2 needs Jedis 6.0.0 or newer, not Jedis 5.2.0" ), refused.getMessage() );
		assertTrue( refused.getMessage().contains( "<jedis.version>" ) );
		assertDoesNotThrow( () -> SupportedVersions.checkJedis( "6.0.0" ) );
		assertDoesNotThrow( () -> SupportedVersions.checkJedis( "8.0.2" ) );
		assertDoesNotThrow( () -> SupportedVersions.checkJedis( null ), "a shaded Jedis without its pom: nothing to go by" );
	}

	@Test
	void theVersionsOnThisClassPath_pass() {
		assertDoesNotThrow( SupportedVersions::check );
	}
}
