package dev.redisl2.hibernate.codec;

import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

import org.hibernate.cache.internal.QueryResultsCacheImpl;
import org.hibernate.cache.spi.entry.CollectionCacheEntry;
import org.hibernate.cache.spi.entry.StandardCacheEntryImpl;
import org.hibernate.type.AnyType;

/**
 * Reads and rebuilds Hibernate's own cache entry classes. Their state is public to read but their rebuilding
 * constructors are not (Hibernate expects entries to come back through Java serialization), so this reaches
 * them by reflection, once per codec, and fails at construction if this Hibernate version shapes them
 * differently: better a clear error at startup than entries that silently stop round-tripping.
 */
final class HibernateEntries {

	private static final String QUERY_ITEM_CLASS = QueryResultsCacheImpl.class.getName() + "$CacheItem";

	private final Constructor<StandardCacheEntryImpl> entityEntry;
	private final Constructor<CollectionCacheEntry> collectionEntry;
	private final Class<?> queryItemType;
	private final Constructor<?> queryItem;
	private final MethodHandle queryItemTimestamp;
	private final MethodHandle queryItemResults;
	private final Constructor<AnyType.ObjectTypeCacheEntry> anyEntry;
	private final Field anyEntityName;
	private final Field anyId;

	HibernateEntries() {
		try {
			entityEntry = accessible( StandardCacheEntryImpl.class.getDeclaredConstructor(
					Serializable[].class, String.class, Object.class ) );
			collectionEntry = accessible( CollectionCacheEntry.class.getDeclaredConstructor( Serializable.class ) );

			queryItemType = Class.forName( QUERY_ITEM_CLASS, false, QueryResultsCacheImpl.class.getClassLoader() );
			queryItem = accessible( queryItemType.getDeclaredConstructor( long.class, List.class ) );
			// a record (long timestamp, List results) since Hibernate 7.2, a class with those two fields before
			queryItemTimestamp = reader( queryItemType, 0, "timestamp" );
			queryItemResults = reader( queryItemType, 1, "results" );

			anyEntry = accessible( AnyType.ObjectTypeCacheEntry.class.getDeclaredConstructor( String.class, Object.class ) );
			anyEntityName = accessible( AnyType.ObjectTypeCacheEntry.class.getDeclaredField( "entityName" ) );
			anyId = accessible( AnyType.ObjectTypeCacheEntry.class.getDeclaredField( "id" ) );
		}
		catch (ReflectiveOperationException | RuntimeException e) {
			throw new IllegalStateException(
					"Hibernate's cache entry classes are not shaped as in Hibernate 6.6 to 7.4; the cache codec cannot handle them", e );
		}
	}

	boolean isEntityEntry(Class<?> type) {
		return type == StandardCacheEntryImpl.class;
	}

	StandardCacheEntryImpl newEntityEntry(Serializable[] state, String subclass, Object version) {
		return construct( entityEntry, state, subclass, version );
	}

	boolean isCollectionEntry(Class<?> type) {
		return type == CollectionCacheEntry.class;
	}

	/**
	 * Every collection Hibernate ships disassembles to a {@code Serializable[]}; a custom collection that does
	 * not cannot be told apart from one that does once written, so it is refused.
	 */
	Serializable[] collectionState(CollectionCacheEntry entry) {
		Serializable[] state;
		try {
			state = entry.getState();
		}
		catch (ClassCastException e) {
			throw new UnsupportedValueException( "Collection cache entry whose state is not a Serializable[]", e );
		}
		if ( state == null || state.getClass() != Serializable[].class ) {
			throw new UnsupportedValueException( "Collection cache entry whose state is not exactly a Serializable[]" );
		}
		return state;
	}

	CollectionCacheEntry newCollectionEntry(Serializable[] state) {
		return construct( collectionEntry, (Object) state );
	}

	boolean isQueryItem(Class<?> type) {
		return type == queryItemType;
	}

	long queryTimestamp(Object item) {
		return (Long) invoke( queryItemTimestamp, item );
	}

	List<?> queryResults(Object item) {
		return (List<?>) invoke( queryItemResults, item );
	}

	/** The record component at {@code index}, or the field of that name: as {@code (Object) -> Object}. */
	private static MethodHandle reader(Class<?> type, int index, String field) throws ReflectiveOperationException {
		RecordComponent[] components = type.getRecordComponents();
		MethodHandles.Lookup lookup = MethodHandles.lookup();
		MethodHandle handle = components != null && components.length == 2
				? lookup.unreflect( accessible( components[index].getAccessor() ) )
				: lookup.unreflectGetter( accessible( type.getDeclaredField( field ) ) );
		return handle.asType( MethodType.methodType( Object.class, Object.class ) );
	}

	Object newQueryItem(long timestamp, List<?> results) {
		return construct( queryItem, timestamp, results );
	}

	boolean isAnyEntry(Class<?> type) {
		return type == AnyType.ObjectTypeCacheEntry.class;
	}

	String anyEntityName(Object entry) {
		return (String) read( anyEntityName, entry );
	}

	Object anyId(Object entry) {
		return read( anyId, entry );
	}

	AnyType.ObjectTypeCacheEntry newAnyEntry(String entityName, Object id) {
		return construct( anyEntry, entityName, id );
	}

	private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
		member.setAccessible( true );
		return member;
	}

	private static <T> T construct(Constructor<T> constructor, Object... arguments) {
		try {
			return constructor.newInstance( arguments );
		}
		catch (InvocationTargetException e) {
			throw new IllegalStateException( "Constructor of " + constructor.getDeclaringClass().getName() + " failed", e.getCause() );
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException( "Cannot construct " + constructor.getDeclaringClass().getName(), e );
		}
	}

	private static Object invoke(MethodHandle accessor, Object target) {
		try {
			return accessor.invokeExact( target );
		}
		catch (RuntimeException | Error e) {
			throw e;
		}
		catch (Throwable e) {
			throw new IllegalStateException( "Cannot read a query cache item", e );
		}
	}

	private static Object read(Field field, Object target) {
		try {
			return field.get( target );
		}
		catch (IllegalAccessException e) {
			throw new IllegalStateException( "Cannot read " + field.getName(), e );
		}
	}
}
