package dev.redisl2.hibernate.codec;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The only place decoding turns a name from the cache into a Class. The allow-list is asked first, and loading
 * never initialises: a static initializer runs, if at all, only once the class is known to be wanted.
 */
final class ClassResolver {

	private final TypeAllowList allowList;
	private final ClassLoader loader;
	/**
	 * Names that passed their check and loaded, so the maps are bounded by the application's classes. Two maps
	 * because the checks differ: a neutral array component such as java.lang.Object is no allowed class.
	 */
	private final ConcurrentMap<String, Class<?>> classes = new ConcurrentHashMap<>();
	private final ConcurrentMap<String, Class<?>> arrayComponents = new ConcurrentHashMap<>();

	ClassResolver(TypeAllowList allowList, ClassLoader loader) {
		this.allowList = allowList;
		this.loader = loader;
	}

	/** A class the allow-list allows by name, loaded but not initialised. */
	Class<?> resolve(String className) {
		Class<?> type = classes.get( className );
		if ( type == null ) {
			if ( !allowList.allows( className ) ) {
				throw Json.corrupt( "class not on the allow-list: " + className );
			}
			type = load( className, classes );
		}
		return type;
	}

	/** The component class of a typed array, named as {@link Class#getName()} does (nested arrays as "[L...;"). */
	Class<?> resolveArrayComponent(String componentName) {
		Class<?> type = arrayComponents.get( componentName );
		if ( type == null ) {
			if ( !allowList.allowsArrayComponent( componentName ) ) {
				throw Json.corrupt( "array component not on the allow-list: " + componentName );
			}
			type = load( componentName, arrayComponents );
		}
		return type;
	}

	private Class<?> load(String className, ConcurrentMap<String, Class<?>> cache) {
		try {
			Class<?> type = Class.forName( className, false, loader );
			cache.putIfAbsent( className, type );
			return type;
		}
		catch (ClassNotFoundException | LinkageError e) {
			throw new CorruptEntryException( "Corrupt cache entry: cannot load allowed class " + className, e );
		}
	}
}
