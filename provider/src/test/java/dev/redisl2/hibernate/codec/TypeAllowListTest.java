package dev.redisl2.hibernate.codec;

import java.util.List;

import dev.redisl2.hibernate.codec.fixtures.Color;
import dev.redisl2.hibernate.codec.fixtures.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypeAllowListTest {

	@Test
	void builtInAllowsValueTypesAndHibernateEntries() {
		TypeAllowList builtIn = TypeAllowList.builtIn();
		assertTrue( builtIn.allows( "java.lang.String" ) );
		assertTrue( builtIn.allows( "java.time.Instant" ) );
		assertTrue( builtIn.allows( "java.sql.Timestamp" ) );
		assertTrue( builtIn.allows( "java.time.Month" ) );
		assertTrue( builtIn.allows( "org.hibernate.cache.spi.entry.StandardCacheEntryImpl" ) );
		assertTrue( builtIn.allows( "org.hibernate.cache.internal.QueryResultsCacheImpl$CacheItem" ) );
		assertFalse( builtIn.allows( "java.lang.Runtime" ) );
		assertFalse( builtIn.allows( "java.lang.Object" ) );
		assertFalse( builtIn.allows( "com.acme.Money" ) );
		assertFalse( builtIn.allows( null ) );
		assertFalse( builtIn.allows( "" ) );
	}

	@Test
	void exactNamesAllowOnlyThatClass() {
		TypeAllowList list = TypeAllowList.builtIn().with( List.of( "com.acme.Money" ) );
		assertTrue( list.allows( "com.acme.Money" ) );
		assertFalse( list.allows( "com.acme.Money2" ) );
		assertFalse( list.allows( "com.acme.Mone" ) );
		assertFalse( list.allows( "com.acme.Money$Inner" ) );
		assertFalse( list.allows( "com.acme.Other" ) );
	}

	@Test
	void packagePatternsAllowThePackageAndItsSubPackages() {
		TypeAllowList list = TypeAllowList.builtIn().with( List.of( "com.acme.*" ) );
		assertTrue( list.allows( "com.acme.Money" ) );
		assertTrue( list.allows( "com.acme.money.Amount" ) );
		assertTrue( list.allows( "com.acme.Outer$Inner" ) );
		assertFalse( list.allows( "com.acmeevil.X" ) );
		assertFalse( list.allows( "com.acme" ) );
		assertFalse( list.allows( "com.acme." ) );
		assertFalse( list.allows( "xcom.acme.X" ) );
		assertFalse( list.allows( "com.ac.me.X" ) );
	}

	@ParameterizedTest
	@ValueSource(strings = { "com.acme.X;", "[Lcom.acme.X;", "com.acme.X\u0000", "com.acme..X", "com.acme.X.", "com.acme.1X", "com.acme.X Y", "com.acme/X" })
	void malformedNamesAreNeverAllowed(String name) {
		assertFalse( TypeAllowList.builtIn().with( List.of( "com.acme.*" ) ).allows( name ) );
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "", " ", "com.*", "acme.*", "java.*", "java.time.*", "javax.sql.*", "jakarta.persistence.*", "jdk.internal.*",
			"sun.misc.*", "com.sun.*", "com.sun.rowset.*", "org.hibernate.*", "org.hibernate.type.*", "com.acme*", "com.acme.**",
			"com..acme.*", "com.acme.*.X", "com acme.X", ".com.acme.X" })
	void rejectsEntriesThatAreNotNamesOrAreTooBroad(String entry) {
		assertThrows( IllegalArgumentException.class, () -> TypeAllowList.builtIn().with( List.of( entry ) ) );
	}

	@Test
	void trimsEntriesAndReturnsNewLists() {
		TypeAllowList base = TypeAllowList.builtIn();
		TypeAllowList extended = base.with( List.of( "  com.acme.Money ", "org.example.*" ) );
		assertTrue( extended.allows( "com.acme.Money" ) );
		assertTrue( extended.allows( "org.example.Thing" ) );
		assertFalse( base.allows( "com.acme.Money" ) );
		assertFalse( base.allows( "org.example.Thing" ) );
		assertTrue( extended.allows( "java.lang.Long" ) );
	}

	@Test
	void withClassesAddsExactNamesAndElementTypes() {
		TypeAllowList base = TypeAllowList.builtIn();
		TypeAllowList list = base.withClasses( List.of( Color.class, Money[][].class, int.class, long[].class ) );
		assertTrue( list.allows( Color.class.getName() ) );
		assertTrue( list.allows( Money.class.getName() ) );
		assertFalse( list.allows( "int" ) );
		assertFalse( list.allows( "dev.redisl2.hibernate.codec.fixtures.Other" ) );
		assertFalse( base.allows( Color.class.getName() ) );
	}

	@Test
	void beansNeverComeFromThePlatform() {
		TypeAllowList list = TypeAllowList.builtIn()
				.withClasses( List.of( Class.class, Object.class, Money.class ) )
				.with( List.of( "java.net.URL", "org.hibernate.SomeType" ) );
		assertTrue( list.allows( "java.lang.Class" ) );
		assertFalse( list.allowsBean( "java.lang.Class" ) );
		assertFalse( list.allowsBean( "java.lang.Object" ) );
		assertFalse( list.allowsBean( "java.net.URL" ) );
		assertFalse( list.allowsBean( "org.hibernate.SomeType" ) );
		assertFalse( list.allowsBean( "java.lang.String" ) );
		assertFalse( list.allowsBean( "org.hibernate.cache.spi.entry.StandardCacheEntryImpl" ) );
		assertTrue( list.allowsBean( Money.class.getName() ) );
		assertTrue( list.allowsBeanProperty( "java.lang.Long" ) );
		assertFalse( list.allowsBeanProperty( "java.lang.Class" ) );
	}

	@Test
	void arrayComponents() {
		TypeAllowList list = TypeAllowList.builtIn().with( List.of( "com.acme.Money" ) );
		assertTrue( list.allowsArrayComponent( "java.lang.String" ) );
		assertTrue( list.allowsArrayComponent( "java.lang.Object" ) );
		assertTrue( list.allowsArrayComponent( "com.acme.Money" ) );
		assertTrue( list.allowsArrayComponent( "[I" ) );
		assertTrue( list.allowsArrayComponent( "[[Ljava.lang.String;" ) );
		assertTrue( list.allowsArrayComponent( "[Lcom.acme.Money;" ) );
		assertFalse( list.allowsArrayComponent( "[Lcom.evil.X;" ) );
		assertFalse( list.allowsArrayComponent( "com.evil.X" ) );
		assertFalse( list.allowsArrayComponent( "[X" ) );
		assertFalse( list.allowsArrayComponent( "[L;" ) );
		assertFalse( list.allowsArrayComponent( "[" ) );
		assertFalse( list.allowsArrayComponent( "int" ) );
	}
}
