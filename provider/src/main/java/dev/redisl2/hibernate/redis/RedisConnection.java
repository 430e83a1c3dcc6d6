package dev.redisl2.hibernate.redis;

import dev.redisl2.hibernate.compat.JedisClients;
import dev.redisl2.hibernate.config.ProviderSettings;
import dev.redisl2.hibernate.config.Topology;
import dev.redisl2.hibernate.topology.TopologyDiagnosis;

import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The factory's single Redis client, whatever the topology, and whether the provider owns it. A client
 * supplied by the application is used as is and never closed here.
 */
public final class RedisConnection implements AutoCloseable {

	private final UnifiedJedis client;
	private final boolean owned;
	private final String description;
	private final StandalonePool standalonePool;
	private final ProviderSettings settings;

	private RedisConnection(UnifiedJedis client, boolean owned, String description, StandalonePool standalonePool,
			ProviderSettings settings) {
		this.client = client;
		this.owned = owned;
		this.description = description;
		this.standalonePool = standalonePool;
		this.settings = settings;
	}

	/**
	 * A connection of its own to a primary (for the near cache's invalidation channel), outside every pool,
	 * speaking RESP2 (invalidations then come as pub/sub messages), with the given read timeout.
	 */
	public Connection openDedicated(HostAndPort primary, Duration readTimeout) {
		JedisClientConfig config = DefaultJedisClientConfig.builder()
				.from( clientConfig( settings, settings.topology() ) )
				.socketTimeoutMillis( (int) readTimeout.toMillis() )
				.clientName( "redisl2-near-cache" )
				.protocol( redis.clients.jedis.RedisProtocol.RESP2 )
				.build();
		return new Connection( primary, config );
	}

	/** The primary of a standalone or Sentinel deployment now (Sentinel: as the sentinels name it). */
	public HostAndPort primary() {
		Topology topology = settings.topology();
		return topology.kind() == Topology.Kind.SENTINEL ? sentinelPrimary( topology )
				: new HostAndPort( topology.url().getHost(), port( topology ) );
	}

	private HostAndPort sentinelPrimary(Topology topology) {
		JedisException last = null;
		for ( HostAndPort sentinel : topology.nodes() ) {
			try ( Jedis jedis = new Jedis( sentinel, sentinelConfig( settings ) ) ) {
				List<String> address = jedis.sentinelGetMasterAddrByName( topology.sentinelMaster() );
				if ( address != null && address.size() == 2 ) {
					return new HostAndPort( address.get( 0 ), Integer.parseInt( address.get( 1 ) ) );
				}
			}
			catch (JedisException e) {
				last = e;
			}
		}
		throw last != null ? last : new JedisException( "no sentinel knows primary '" + topology.sentinelMaster() + "'" );
	}

	public static RedisConnection open(ProviderSettings settings) {
		if ( settings.externalClient() != null ) {
			return new RedisConnection( settings.externalClient(), false, "application-supplied client", null, settings );
		}
		Topology topology = settings.topology();
		try {
			if ( topology.kind() == Topology.Kind.STANDALONE ) {
				HostAndPort node = new HostAndPort( topology.url().getHost(), port( topology ) );
				JedisClientConfig config = clientConfig( settings, topology );
				StandalonePool pool = new StandalonePool( node, config, poolConfig( settings ) );
				UnifiedJedis client = JedisClients.standalone( node, config, pool );
				return new RedisConnection( client, true, topology.describe(), pool, settings );
			}
			return new RedisConnection( build( settings, topology ), true, topology.describe(), null, settings );
		}
		catch (JedisException e) {
			// a node that answered but is not what the setting says: fail naming the setting
			throw TopologyDiagnosis.explain( topology, clientConfig( settings, topology ), sentinelConfig( settings ), e );
		}
	}

	private static ConnectionPoolConfig poolConfig(ProviderSettings settings) {
		ConnectionPoolConfig pool = new ConnectionPoolConfig();
		pool.setMaxTotal( settings.poolMaxTotal() );
		pool.setMaxIdle( settings.poolMaxTotal() );
		pool.setMinIdle( Math.min( 2, settings.poolMaxTotal() ) );
		// a request must never wait long for a pooled connection: the cache is an optimisation
		pool.setMaxWait( settings.socketTimeout() );
		pool.setTestWhileIdle( true );
		return pool;
	}

	private static UnifiedJedis build(ProviderSettings settings, Topology topology) {
		JedisClientConfig config = clientConfig( settings, topology );
		ConnectionPoolConfig pool = poolConfig( settings );
		return switch ( topology.kind() ) {
			case STANDALONE -> throw new IllegalStateException( "a standalone client is built in open(), on a StandalonePool" );
			// retries (redirections, a master going away) stop after one socket timeout
			case CLUSTER -> JedisClients.cluster( new LinkedHashSet<>( topology.nodes() ), config, pool, settings.socketTimeout() );
			case SENTINEL -> JedisClients.sentinel( topology.sentinelMaster(), new LinkedHashSet<>( topology.nodes() ), config,
					sentinelConfig( settings ), pool );
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
		if ( topology.tls() ) {
			TlsContext.configure( builder, settings.security() );
		}
		if ( settings.security().password() != null ) {
			builder.user( settings.security().user() ).password( settings.security().password() );
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

	/**
	 * Closes the idle pooled connections of a standalone client (Cluster and Sentinel clients manage their
	 * own pools), so that after Redis restarted the first requests do not each fail once on a connection
	 * that died with it. Connections in use are left alone.
	 */
	public void discardIdleConnections() {
		if ( standalonePool != null ) {
			standalonePool.clearIdle();
		}
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
		if ( standalonePool != null ) {
			standalonePool.close(); // idempotent: whether the client closes a provider it was given is Jedis's business
		}
	}
}
