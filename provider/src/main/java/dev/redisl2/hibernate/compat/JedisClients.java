package dev.redisl2.hibernate.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.Set;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Builds the provider's {@link UnifiedJedis} for each topology on every supported Jedis. Jedis 7.2 added
 * {@code RedisClient}, {@code RedisClusterClient} and {@code RedisSentinelClient} and 8.0 removed the public
 * constructors the older lines need, so: the new builders where they exist ({@link ModernJedisClients},
 * loaded only then), the older constructors otherwise. Either way the client is the same kind of
 * {@code UnifiedJedis}, with the same executor semantics: one attempt for a single primary (the breaker
 * decides what happens next), redirections and retries within one socket timeout on Cluster.
 */
public final class JedisClients {

	private static final boolean MODERN = present( "redis.clients.jedis.RedisClusterClient" );
	private static final MethodHandle PIPELINED = pipelinedHandle();
	/** JedisCluster's own default: enough for a redirection and a failover's MOVED replies. */
	private static final int CLUSTER_ATTEMPTS = 5;

	private JedisClients() {
	}

	public static UnifiedJedis standalone(HostAndPort node, JedisClientConfig config, ConnectionProvider pool) {
		return MODERN ? ModernJedisClients.standalone( node, config, pool ) : onProvider( pool );
	}

	public static UnifiedJedis cluster(Set<HostAndPort> nodes, JedisClientConfig config,
			GenericObjectPoolConfig<Connection> pool, Duration maxRetries) {
		return MODERN ? ModernJedisClients.cluster( nodes, config, pool, maxRetries )
				: new JedisCluster( nodes, config, CLUSTER_ATTEMPTS, maxRetries, pool );
	}

	public static UnifiedJedis sentinel(String master, Set<HostAndPort> sentinels, JedisClientConfig config,
			JedisClientConfig sentinelConfig, GenericObjectPoolConfig<Connection> pool) {
		return MODERN ? ModernJedisClients.sentinel( master, sentinels, config, sentinelConfig, pool )
				: onProvider( new SentineledConnectionProvider( master, config, pool, sentinels, sentinelConfig ) );
	}

	/** Whether an application-supplied client talks to a Redis Cluster (by class name: 6.x lacks the new types). */
	public static boolean isCluster(UnifiedJedis client) {
		return client != null && extendsClass( client.getClass(), "redis.clients.jedis.JedisCluster", "redis.clients.jedis.RedisClusterClient" );
	}

	/** Whether an application-supplied client follows a Sentinel-monitored primary. */
	public static boolean isSentinel(UnifiedJedis client) {
		return client != null && extendsClass( client.getClass(), "redis.clients.jedis.JedisSentineled", "redis.clients.jedis.RedisSentinelClient" );
	}

	/**
	 * {@code client.pipelined()}: declared to return {@code PipelineBase} on Jedis 6 and {@code AbstractPipeline}
	 * from 7 on (the same object, a subclass of AbstractPipeline, either way).
	 */
	public static AbstractPipeline pipelined(UnifiedJedis client) {
		try {
			return (AbstractPipeline) PIPELINED.invoke( client );
		}
		catch (RuntimeException | Error e) {
			throw e;
		}
		catch (Throwable e) {
			throw new JedisException( e );
		}
	}


	/** {@code new UnifiedJedis(ConnectionProvider)}: public up to 7.1, gone in 8. */
	private static UnifiedJedis onProvider(ConnectionProvider provider) {
		try {
			Constructor<UnifiedJedis> constructor = UnifiedJedis.class.getConstructor( ConnectionProvider.class );
			return constructor.newInstance( provider );
		}
		catch (InvocationTargetException e) {
			throw e.getCause() instanceof JedisException jedis ? jedis : new JedisException( e.getCause() );
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException( "This Jedis has neither RedisClient nor UnifiedJedis(ConnectionProvider)", e );
		}
	}

	private static boolean extendsClass(Class<?> type, String... names) {
		for ( Class<?> c = type; c != null; c = c.getSuperclass() ) {
			for ( String name : names ) {
				if ( c.getName().equals( name ) ) {
					return true;
				}
			}
		}
		return false;
	}

	private static MethodHandle pipelinedHandle() {
		try {
			Method pipelined = UnifiedJedis.class.getMethod( "pipelined" );
			return MethodHandles.publicLookup().unreflect( pipelined )
					.asType( MethodType.methodType( AbstractPipeline.class, UnifiedJedis.class ) );
		}
		catch (ReflectiveOperationException e) {
			throw new IllegalStateException( "This Jedis has no UnifiedJedis.pipelined()", e );
		}
	}

	private static boolean present(String className) {
		try {
			Class.forName( className, false, UnifiedJedis.class.getClassLoader() );
			return true;
		}
		catch (ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}
