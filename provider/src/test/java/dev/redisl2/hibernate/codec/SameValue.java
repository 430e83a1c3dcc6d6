package dev.redisl2.hibernate.codec;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.bytecode.enhance.spi.LazyPropertyInitializer;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.cache.spi.entry.StandardCacheEntryImpl;
import org.hibernate.property.access.internal.PropertyAccessStrategyBackRefImpl;
import org.hibernate.type.AnyType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Deep "same class and equal value" comparison. Arrays, collections and Hibernate entries have identity equals
 * (or none), so they are walked; Lists, Sets and Maps are expected back as ArrayList, LinkedHashSet and
 * LinkedHashMap with the original iteration order.
 */
final class SameValue {

	private SameValue() {
	}

	static void assertSameValue(Object expected, Object actual) {
		assertSameValue( expected, actual, "value" );
	}

	private static void assertSameValue(Object expected, Object actual, String path) {
		if ( expected == null ) {
			assertNull( actual, path );
			return;
		}
		if ( expected == LazyPropertyInitializer.UNFETCHED_PROPERTY || expected == PropertyAccessStrategyBackRefImpl.UNKNOWN ) {
			assertSame( expected, actual, path + " must be the very marker instance" );
			return;
		}
		assertEquals( expectedClass( expected ), actual == null ? null : actual.getClass(), path + " class" );
		if ( expected.getClass().isArray() ) {
			assertEquals( Array.getLength( expected ), Array.getLength( actual ), path + " length" );
			for ( int i = 0; i < Array.getLength( expected ); i++ ) {
				assertSameValue( Array.get( expected, i ), Array.get( actual, i ), path + "[" + i + "]" );
			}
		}
		else if ( expected instanceof List<?> || expected instanceof Set<?> ) {
			Iterator<?> e = ( (Iterable<?>) expected ).iterator();
			Iterator<?> a = ( (Iterable<?>) actual ).iterator();
			int i = 0;
			while ( e.hasNext() ) {
				assertEquals( true, a.hasNext(), path + " too short" );
				assertSameValue( e.next(), a.next(), path + "[" + i++ + "]" );
			}
			assertEquals( false, a.hasNext(), path + " too long" );
		}
		else if ( expected instanceof Map<?, ?> map ) {
			List<Map.Entry<?, ?>> e = new ArrayList<>( map.entrySet() );
			List<Map.Entry<?, ?>> a = new ArrayList<>( ( (Map<?, ?>) actual ).entrySet() );
			assertEquals( e.size(), a.size(), path + " size" );
			for ( int i = 0; i < e.size(); i++ ) {
				assertSameValue( e.get( i ).getKey(), a.get( i ).getKey(), path + " key " + i );
				assertSameValue( e.get( i ).getValue(), a.get( i ).getValue(), path + " value " + i );
			}
		}
		else if ( expected instanceof StandardCacheEntryImpl entry ) {
			StandardCacheEntryImpl other = (StandardCacheEntryImpl) actual;
			assertEquals( entry.getSubclass(), other.getSubclass(), path + ".subclass" );
			assertSameValue( entry.getVersion(), other.getVersion(), path + ".version" );
			assertSameValue( entry.getDisassembledState(), other.getDisassembledState(), path + ".state" );
		}
		else if ( expected instanceof CollectionCacheEntry entry ) {
			assertSameValue( entry.getState(), ( (CollectionCacheEntry) actual ).getState(), path + ".state" );
		}
		else if ( expected.getClass() == HibernateFixtures.queryItemClass() ) {
			assertSameValue( HibernateFixtures.queryItemComponent( expected, 0 ), HibernateFixtures.queryItemComponent( actual, 0 ), path + ".timestamp" );
			assertSameValue( HibernateFixtures.queryItemComponent( expected, 1 ), HibernateFixtures.queryItemComponent( actual, 1 ), path + ".results" );
		}
		else if ( expected instanceof AnyType.ObjectTypeCacheEntry ) {
			assertEquals( HibernateFixtures.anyEntryField( expected, "entityName" ), HibernateFixtures.anyEntryField( actual, "entityName" ), path + ".entityName" );
			assertSameValue( HibernateFixtures.anyEntryField( expected, "id" ), HibernateFixtures.anyEntryField( actual, "id" ), path + ".id" );
		}
		else {
			assertEquals( expected, actual, path );
		}
	}

	private static Class<?> expectedClass(Object expected) {
		if ( expected instanceof List<?> ) {
			return ArrayList.class;
		}
		if ( expected instanceof Set<?> ) {
			return LinkedHashSet.class;
		}
		if ( expected instanceof Map<?, ?> ) {
			return LinkedHashMap.class;
		}
		return expected.getClass();
	}
}
