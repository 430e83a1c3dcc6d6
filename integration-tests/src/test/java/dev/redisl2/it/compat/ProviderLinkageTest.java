package dev.redisl2.it.compat;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.redisl2.hibernate.RedisRegionFactory;

import org.junit.jupiter.api.Test;

/**
 * Links every class of the provider, reference by reference, against the Hibernate ORM and Jedis on this
 * test's class path, the way the JVM will: each class, constructor, method and field they name must exist
 * with the same descriptor. Run on every supported version line (the compat modules), it finds a
 * {@code NoSuchMethodError} before a user's transaction does. The one class allowed to name what an older
 * Jedis lacks is {@code ModernJedisClients}, which is loaded only when those types exist.
 */
class ProviderLinkageTest {

	private static final List<String> CHECKED = List.of( "org.hibernate.", "redis.clients.", "jakarta.persistence." );
	private static final String MODERN_JEDIS = "dev.redisl2.hibernate.compat.ModernJedisClients";

	@Test
	void everyReferenceOfTheProvider_resolvesOnTheVersionsOnTheClassPath() throws Exception {
		Set<String> unresolved = new TreeSet<>();
		int checked = 0;
		boolean modernJedis = exists( "redis.clients.jedis.RedisClusterClient" );
		for ( var classFile : providerClasses() ) {
			if ( classFile.name().equals( MODERN_JEDIS ) && !modernJedis ) {
				continue;
			}
			for ( ClassFileRefs.Ref ref : ClassFileRefs.read( classFile.bytes() ) ) {
				if ( CHECKED.stream().anyMatch( ref.owner()::startsWith ) ) {
					checked++;
					if ( !resolves( ref ) ) {
						unresolved.add( classFile.name() + " -> " + ref );
					}
				}
			}
		}
		System.out.printf( "ProviderLinkageTest: %d references to Hibernate, Jedis and JPA checked, %d unresolved (Hibernate %s)%n",
				checked, unresolved.size(), org.hibernate.Version.getVersionString() );
		assertTrue( checked > 500, "the provider's classes were read: " + checked );
		assertEquals( Set.of(), unresolved, "references that would fail with NoSuchMethodError/NoClassDefFoundError" );
	}

	private record ClassFile(String name, byte[] bytes) {
	}

	private static List<ClassFile> providerClasses() throws IOException, URISyntaxException {
		Path location = Path.of( RedisRegionFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI() );
		List<ClassFile> classes = new ArrayList<>();
		if ( Files.isDirectory( location ) ) {
			try ( Stream<Path> files = Files.walk( location ) ) {
				for ( Path file : (Iterable<Path>) files.filter( p -> p.toString().endsWith( ".class" ) )::iterator ) {
					String name = location.relativize( file ).toString().replace( '/', '.' ).replace( ".class", "" );
					classes.add( new ClassFile( name, Files.readAllBytes( file ) ) );
				}
			}
		}
		else {
			try ( JarFile jar = new JarFile( location.toFile() ) ) {
				for ( JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator ) {
					if ( entry.getName().endsWith( ".class" ) && !entry.getName().contains( "module-info" ) ) {
						try ( InputStream in = jar.getInputStream( entry ) ) {
							classes.add( new ClassFile( entry.getName().replace( '/', '.' ).replace( ".class", "" ), in.readAllBytes() ) );
						}
					}
				}
			}
		}
		return classes;
	}

	private static boolean resolves(ClassFileRefs.Ref ref) {
		Class<?> owner;
		try {
			owner = Class.forName( ref.owner(), false, ProviderLinkageTest.class.getClassLoader() );
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
		return switch ( ref.kind() ) {
			case CLASS -> true;
			case FIELD -> hierarchy( owner ).stream().anyMatch( c -> declaresField( c, ref ) );
			case METHOD, INTERFACE_METHOD -> ref.name().equals( "<init>" ) ? declaresConstructor( owner, ref )
					: hierarchy( owner ).stream().anyMatch( c -> declaresMethod( c, ref ) );
		};
	}

	private static boolean declaresMethod(Class<?> type, ClassFileRefs.Ref ref) {
		for ( Method method : type.getDeclaredMethods() ) {
			if ( method.getName().equals( ref.name() )
					&& MethodType.methodType( method.getReturnType(), method.getParameterTypes() ).toMethodDescriptorString().equals( ref.descriptor() ) ) {
				return true;
			}
		}
		return false;
	}

	private static boolean declaresConstructor(Class<?> type, ClassFileRefs.Ref ref) {
		for ( Constructor<?> constructor : type.getDeclaredConstructors() ) {
			if ( MethodType.methodType( void.class, constructor.getParameterTypes() ).toMethodDescriptorString().equals( ref.descriptor() ) ) {
				return true;
			}
		}
		return false;
	}

	private static boolean declaresField(Class<?> type, ClassFileRefs.Ref ref) {
		for ( Field field : type.getDeclaredFields() ) {
			if ( field.getName().equals( ref.name() ) && field.getType().descriptorString().equals( ref.descriptor() ) ) {
				return true;
			}
		}
		return false;
	}

	/** The class, its superclasses and every interface they implement, as method resolution searches them. */
	private static List<Class<?>> hierarchy(Class<?> type) {
		List<Class<?>> all = new ArrayList<>();
		Set<Class<?>> seen = new HashSet<>();
		Deque<Class<?>> todo = new ArrayDeque<>( List.of( type ) );
		while ( !todo.isEmpty() ) {
			Class<?> c = todo.poll();
			if ( !seen.add( c ) ) {
				continue;
			}
			all.add( c );
			Class<?> parent = c.isInterface() ? Object.class : c.getSuperclass();
			if ( parent != null ) {
				todo.add( parent );
			}
			todo.addAll( List.of( c.getInterfaces() ) );
		}
		return all;
	}

	private static boolean exists(String className) {
		try {
			Class.forName( className, false, ProviderLinkageTest.class.getClassLoader() );
			return true;
		}
		catch (ClassNotFoundException e) {
			return false;
		}
	}
}
