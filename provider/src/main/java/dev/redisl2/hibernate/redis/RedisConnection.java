package dev.redisl2.hibernate.redis;

import dev.redisl2.hibernate.config.ProviderSettings;
import dev.redisl2.hibernate.config.Topology;
import dev.redisl2.hibernate.topology.TopologyDiagnosis;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.util.LinkedHashSet;

/**
 * The factory's single Redis client, whatever the topology, and whether the provider owns it. A client
 * supplied by the application is used as is and never closed here.
 */
public final class RedisConnection implements AutoCloseable {

	private final UnifiedJedis client;
	private final boolean owned;
	private final String description;

	private RedisConnection(UnifiedJedis client, boolean owned, String description) {
		this.client = client;
		this.owned = owned;
		this.description = description;
	}

	public static RedisConnection open(ProviderSettings settings) {
		if ( settings.externalClient() != null ) {
			return new RedisConnection( settings.externalClient(), false, "application-supplied client" );
		}
		Topology topology = settings.topology();
		try {
			return new RedisConnection( build( settings, topology ), true, topology.describe() );
		}
		catch (JedisException e) {
			// a node that answered but is not what the setting says: fail naming the setting
			throw TopologyDiagnosis.explain( topology, clientConfig( settings, topology ), sentinelConfig( settings ), e );
		}
	}

	private static UnifiedJedis build(ProviderSettings settings, Topology topology) {
		JedisClientConfig config = clientConfig( settings, topology );
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal( settings.poolMaxTotal() );
		pool.setMaxIdle( settings.poolMaxTotal() );
		pool.setMinIdle( Math.min( 2, settings.poolMaxTotal() ) );
		// a request must never wait long for a pooled connection: the cache is an optimisation
		pool.setMaxWait( settings.socketTimeout() );
		pool.setTestWhileIdle( true );
		return switch ( topology.kind() ) {
			case STANDALONE -> RedisClient.builder()
					.hostAndPort( new HostAndPort( topology.url().getHost(), port( topology ) ) )
					.clientConfig( config )
					.poolConfig( pool )
					.build();
			case CLUSTER -> RedisClusterClient.builder()
					.nodes( new LinkedHashSet<>( topology.nodes() ) )
					.clientConfig( config )
					.poolConfig( pool )
					// retries (redirections, a master going away) stop after one socket timeout, not five
					.maxTotalRetriesDuration( settings.socketTimeout() )
					.build();
			case SENTINEL -> RedisSentinelClient.builder()
					.masterName( topology.sentinelMaster() )
					.sentinels( new LinkedHashSet<>( topology.nodes() ) )
					.clientConfig( config )
					.sentinelClientConfig( sentinelConfig( settings ) )
					.poolConfig( pool )
					.build();
		};
	}

	/** Sentinels are asked without the data nodes' credentials. */
	private static JedisClientConfig sentinelConfig(ProviderSettings settings) {
		return DefaultJedisClientConfig.builder()
				.connectionTimeoutMillis( (int) settings.connectTimeout().toMillis() )
				.socketTimeoutMillis( (int) settings.socketTimeout().toMillis() )
				.build();
	}

	private static JedisClientConfig clientConfig(ProviderSettings settings, Topology topology) {
		DefaultJedisClientConfig.Builder builder = DefaultJedisClientConfig.builder()
				.connectionTimeoutMillis( (int) settings.connectTimeout().toMillis() )
				.socketTimeoutMillis( (int) settings.socketTimeout().toMillis() )
				.clientName( "redisl2" )
				.ssl( topology.tls() );
		if ( topology.password() != null ) {
			builder.user( topology.user() ).password( topology.password() );
		}
		if ( topology.kind() != Topology.Kind.CLUSTER ) {
			builder.database( topology.database() );
		}
		return builder.build();
	}

	private static int port(Topology topology) {
		int port = topology.url().getPort();
		return port < 0 ? 6379 : port;
	}

	public UnifiedJedis client() {
		return client;
	}

	/** Where the client points, without credentials. */
	public String description() {
		return description;
	}

	@Override
	public void close() {
		if ( owned ) {
			client.close();
		}
	}
}
