package dev.redisl2.hibernate.codec;

import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.List;

import org.hibernate.cache.internal.QueryResultsCacheImpl;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.cache.spi.entry.StandardCacheEntryImpl;
import org.hibernate.type.AnyType;

/**
 * Builds and inspects Hibernate's cache entry objects the way Hibernate itself would, with reflection written
 * independently of the codec's, so tests do not check the codec against itself.
 */
final class HibernateFixtures {

	private HibernateFixtures() {
	}

	static StandardCacheEntryImpl entityEntry(Serializable[] state, String subclass, Object version) {
		return construct( StandardCacheEntryImpl.class, new Class<?>[] { Serializable[].class, String.class, Object.class },
				state, subclass, version );
	}

	static CollectionCacheEntry collectionEntry(Serializable[] state) {
		return construct( CollectionCacheEntry.class, new Class<?>[] { Serializable.class }, (Object) state );
	}

	static AnyType.ObjectTypeCacheEntry anyEntry(String entityName, Object id) {
		return construct( AnyType.ObjectTypeCacheEntry.class, new Class<?>[] { String.class, Object.class }, entityName, id );
	}

	static Object anyEntryField(Object entry, String name) {
		try {
			Field field = AnyType.ObjectTypeCacheEntry.class.getDeclaredField( name );
			field.setAccessible( true );
			return field.get( entry );
		}
		catch (ReflectiveOperationException e) {
			throw new AssertionError( e );
		}
	}

	static Class<?> queryItemClass() {
		for ( Class<?> nested : QueryResultsCacheImpl.class.getDeclaredClasses() ) {
			if ( nested.getSimpleName().equals( "CacheItem" ) ) {
				return nested;
			}
		}
		throw new AssertionError( "QueryResultsCacheImpl.CacheItem not found" );
	}

	static Object queryItem(long timestamp, List<?> results) {
		return construct( queryItemClass(), new Class<?>[] { long.class, List.class }, timestamp, results );
	}

	static Object queryItemComponent(Object item, int index) {
		try {
			RecordComponent component = item.getClass().getRecordComponents()[index];
			component.getAccessor().setAccessible( true );
			return component.getAccessor().invoke( item );
		}
		catch (ReflectiveOperationException e) {
			throw new AssertionError( e );
		}
	}

	private static <T> T construct(Class<T> type, Class<?>[] parameterTypes, Object... arguments) {
		try {
			Constructor<T> constructor = type.getDeclaredConstructor( parameterTypes );
			constructor.setAccessible( true );
			return constructor.newInstance( arguments );
		}
		catch (ReflectiveOperationException e) {
			throw new AssertionError( e );
		}
	}
}
