package dev.redisl2.hibernate.compat;

import java.time.Duration;
import java.util.Set;

import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ConnectionProvider;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/** The Jedis 7.2+ builders. Loaded only when they exist ({@link JedisClients}). */
final class ModernJedisClients {

	private ModernJedisClients() {
	}

	static UnifiedJedis standalone(HostAndPort node, JedisClientConfig config, ConnectionProvider pool) {
		return RedisClient.builder().hostAndPort( node ).clientConfig( config ).connectionProvider( pool ).build();
	}

	static UnifiedJedis cluster(Set<HostAndPort> nodes, JedisClientConfig config, GenericObjectPoolConfig<Connection> pool,
			Duration maxRetries) {
		return RedisClusterClient.builder()
				.nodes( nodes )
				.clientConfig( config )
				.poolConfig( pool )
				// retries (redirections, a master going away) stop after one socket timeout, not five
				.maxTotalRetriesDuration( maxRetries )
				.build();
	}

	static UnifiedJedis sentinel(String master, Set<HostAndPort> sentinels, JedisClientConfig config,
			JedisClientConfig sentinelConfig, GenericObjectPoolConfig<Connection> pool) {
		return RedisSentinelClient.builder()
				.masterName( master )
				.sentinels( sentinels )
				.clientConfig( config )
				.sentinelClientConfig( sentinelConfig )
				.poolConfig( pool )
				.build();
	}
}
