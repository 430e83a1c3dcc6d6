package dev.redisl2.support;

import java.net.URI;

import dev.redisl2.hibernate.compat.JedisClients;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * A plain client to one Redis for tests and the demo, built the same way on every supported Jedis
 * (RedisClient.create exists only from Jedis 7.2 on, and the tests also run on older ones).
 */
public final class Clients {

	private Clients() {
	}

	/** A client to {@code redis://host:port}. */
	public static UnifiedJedis standalone(String url) {
		URI uri = URI.create( url );
		HostAndPort node = new HostAndPort( uri.getHost(), uri.getPort() );
		JedisClientConfig config = DefaultJedisClientConfig.builder().build();
		return JedisClients.standalone( node, config, new PooledConnectionProvider( node, config ) );
	}
}
