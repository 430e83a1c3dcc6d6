package dev.redisl2.hibernate.codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The classes a cache entry may name. Decoding consults it before loading any class, so bytes from Redis can
 * never make the JVM load, let alone initialise, a class nobody chose. Immutable: {@code with*} return new lists.
 */
public final class TypeAllowList {

	/**
	 * JDK value types the codec has dedicated tags for. Listed here (not derived from the codec) so that the
	 * allow-list is readable on its own; the Hibernate entry types below complete what {@link #builtIn()} allows.
	 */
	private static final Set<String> BUILT_IN_JDK = Set.of(
			"java.lang.String", "java.lang.Boolean", "java.lang.Character", "java.lang.Byte", "java.lang.Short",
			"java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Double",
			"java.math.BigDecimal", "java.math.BigInteger", "java.util.UUID",
			"java.time.Instant", "java.time.LocalDate", "java.time.LocalTime", "java.time.LocalDateTime",
			"java.time.OffsetDateTime", "java.time.OffsetTime", "java.time.ZonedDateTime", "java.time.Duration",
			"java.time.Period", "java.time.Year", "java.time.YearMonth", "java.time.MonthDay",
			"java.time.ZoneOffset", "java.time.ZoneId", "java.time.DayOfWeek", "java.time.Month",
			"java.util.Date", "java.sql.Timestamp", "java.sql.Date", "java.sql.Time",
			"java.util.Calendar", "java.util.GregorianCalendar", "java.util.Locale", "java.util.Currency"
	);

	private static final Set<String> BUILT_IN_HIBERNATE = Set.of(
			"org.hibernate.cache.spi.entry.StandardCacheEntryImpl",
			"org.hibernate.cache.spi.entry.CollectionCacheEntry",
			"org.hibernate.cache.internal.QueryResultsCacheImpl$CacheItem",
			"org.hibernate.type.AnyType$ObjectTypeCacheEntry"
	);

	/**
	 * Package roots no pattern may reach into, and no bean may come from: the JDK and Hibernate hold classes
	 * (Class, ClassLoader, handlers with side-effecting setters) that a JSON mapper must never be pointed at.
	 * Single JDK value types remain available by exact name.
	 */
	private static final List<String> PLATFORM_ROOTS = List.of(
			"java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.", "org.hibernate."
	);

	/** Array element types that carry no behaviour of their own, allowed as components of typed arrays. */
	private static final Set<String> NEUTRAL_ARRAY_ELEMENTS = Set.of( "java.lang.Object", "java.io.Serializable" );

	private static final TypeAllowList BUILT_IN = new TypeAllowList( union( BUILT_IN_JDK, BUILT_IN_HIBERNATE ), List.of() );

	private final Set<String> classNames;
	/** Each pattern "a.b.*" kept as "a.b." so that "a.bc.X" cannot match by accident. */
	private final List<String> packagePrefixes;

	private TypeAllowList(Set<String> classNames, List<String> packagePrefixes) {
		this.classNames = Set.copyOf( classNames );
		this.packagePrefixes = List.copyOf( packagePrefixes );
	}

	/** Built-in safe types (JDK value types with a dedicated tag) plus Hibernate's cache entry types. */
	public static TypeAllowList builtIn() {
		return BUILT_IN;
	}

	/**
	 * Returns a new list that also allows these entries: fully-qualified class names, or package patterns written
	 * {@code com.acme.*} (classes in that package and its sub-packages). Surrounding blanks are ignored.
	 *
	 * @throws IllegalArgumentException for an entry that is neither, for a pattern with fewer than two package
	 * segments, or one that covers a JDK or Hibernate package: such patterns would allow far more than intended
	 */
	public TypeAllowList with(Collection<String> classNamesOrPackagePatterns) {
		Set<String> names = new HashSet<>( classNames );
		List<String> prefixes = new ArrayList<>( packagePrefixes );
		for ( String raw : Objects.requireNonNull( classNamesOrPackagePatterns, "classNamesOrPackagePatterns" ) ) {
			String entry = Objects.requireNonNull( raw, "allow-list entry" ).strip();
			if ( entry.endsWith( ".*" ) ) {
				String prefix = packagePrefix( entry );
				if ( !prefixes.contains( prefix ) ) {
					prefixes.add( prefix );
				}
			}
			else if ( isBinaryClassName( entry ) ) {
				names.add( entry );
			}
			else {
				throw new IllegalArgumentException( "Not a class name or package pattern: '" + entry + "'" );
			}
		}
		return new TypeAllowList( names, prefixes );
	}

	/**
	 * Returns a new list that also allows these exact classes. Arrays contribute their element class, primitives
	 * nothing: neither is ever looked up by name.
	 */
	public TypeAllowList withClasses(Collection<Class<?>> classes) {
		Set<String> names = new HashSet<>( classNames );
		for ( Class<?> type : Objects.requireNonNull( classes, "classes" ) ) {
			Class<?> element = Objects.requireNonNull( type, "class" );
			while ( element.isArray() ) {
				element = element.getComponentType();
			}
			if ( !element.isPrimitive() ) {
				names.add( element.getName() );
			}
		}
		return new TypeAllowList( names, packagePrefixes );
	}

	public boolean allows(String className) {
		if ( className == null || !isBinaryClassName( className ) ) {
			return false;
		}
		if ( classNames.contains( className ) ) {
			return true;
		}
		for ( String prefix : packagePrefixes ) {
			if ( className.startsWith( prefix ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether a class may be encoded as a Jackson bean: an allowed user type. Built-in types have their own tags
	 * and platform classes are refused even when listed (a mapped {@code java.lang.Class} attribute puts
	 * {@code java.lang.Class} on the list, and Jackson would initialise any class named in such a value).
	 */
	boolean allowsBean(String className) {
		return allows( className )
				&& !BUILT_IN_JDK.contains( className )
				&& !BUILT_IN_HIBERNATE.contains( className )
				&& !isPlatformClass( className );
	}

	/** Whether Jackson may instantiate this class for a polymorphic property inside an allowed bean. */
	boolean allowsBeanProperty(String className) {
		return BUILT_IN_JDK.contains( className ) || allowsBean( className );
	}

	/**
	 * Whether a typed array with this component ({@link Class#getName()} form, so nested arrays read
	 * {@code [Ljava.lang.String;}) may be decoded: its innermost element must be primitive, neutral, or allowed.
	 */
	boolean allowsArrayComponent(String componentName) {
		int dims = 0;
		while ( dims < componentName.length() && componentName.charAt( dims ) == '[' ) {
			dims++;
		}
		if ( dims == 0 ) {
			return NEUTRAL_ARRAY_ELEMENTS.contains( componentName ) || allows( componentName );
		}
		String descriptor = componentName.substring( dims );
		if ( descriptor.length() == 1 ) {
			return "ZBCSIJFD".contains( descriptor );
		}
		if ( descriptor.length() > 2 && descriptor.charAt( 0 ) == 'L' && descriptor.endsWith( ";" ) ) {
			String element = descriptor.substring( 1, descriptor.length() - 1 );
			return NEUTRAL_ARRAY_ELEMENTS.contains( element ) || allows( element );
		}
		return false;
	}

	private static String packagePrefix(String pattern) {
		String packageName = pattern.substring( 0, pattern.length() - 2 );
		if ( !isBinaryClassName( packageName ) || packageName.indexOf( '.' ) < 0 ) {
			throw new IllegalArgumentException(
					"Package pattern must name a package of at least two segments, like 'com.acme.*': '" + pattern + "'" );
		}
		String prefix = packageName + ".";
		for ( String root : PLATFORM_ROOTS ) {
			if ( prefix.startsWith( root ) || root.startsWith( prefix ) ) {
				throw new IllegalArgumentException(
						"Package pattern '" + pattern + "' covers platform packages (" + root + "*); list such classes by exact name" );
			}
		}
		return prefix;
	}

	private static boolean isPlatformClass(String className) {
		for ( String root : PLATFORM_ROOTS ) {
			if ( className.startsWith( root ) ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Dot-separated Java identifiers ({@code $} included, for nested classes). Anything else cannot name a class
	 * we would want, and rejecting it early keeps odd strings away from {@link Class#forName}.
	 */
	static boolean isBinaryClassName(String name) {
		if ( name.isEmpty() ) {
			return false;
		}
		boolean segmentStart = true;
		for ( int i = 0; i < name.length(); i++ ) {
			char c = name.charAt( i );
			if ( c == '.' ) {
				if ( segmentStart ) {
					return false;
				}
				segmentStart = true;
			}
			else if ( !Character.isIdentifierIgnorable( c )
					&& ( segmentStart ? Character.isJavaIdentifierStart( c ) : Character.isJavaIdentifierPart( c ) ) ) {
				segmentStart = false;
			}
			else {
				return false;
			}
		}
		return !segmentStart;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new HashSet<>( a );
		all.addAll( b );
		return all;
	}

	@Override
	public String toString() {
		return "TypeAllowList[" + classNames.size() + " classes, packages " + packagePrefixes + "]";
	}
}
