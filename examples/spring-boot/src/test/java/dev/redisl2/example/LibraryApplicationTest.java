package dev.redisl2.example;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.redisl2.support.RedisServerProcess;

import jakarta.persistence.EntityManagerFactory;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application on a random port, with the starter and its three properties, against a private
 * redis-server: reads are served from Redis, and Actuator's health and metrics endpoints tell the cache's
 * state over HTTP, before and during a Redis outage (during which the application keeps answering).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LibraryApplicationTest {

	private static final RedisServerProcess REDIS = RedisServerProcess.start();
	private static final HttpClient HTTP = HttpClient.newHttpClient();
	private static final ObjectMapper JSON = new ObjectMapper();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add( "redisl2.url", REDIS::url );
		registry.add( "redisl2.breaker.failure_threshold", () -> "1" );
	}

	@AfterAll
	static void stopRedis() {
		REDIS.stop();
	}

	@LocalServerPort
	int port;

	@Autowired
	EntityManagerFactory entityManagerFactory;

	@Test
	void readsAreServedFromRedis_andHealthAndMetricsTellTheCachesState_beforeAndDuringAnOutage() throws Exception {
		String created = send( "POST", "/authors", "{\"name\":\"Le Guin\",\"books\":[\"The Dispossessed\",\"Earthsea\"]}" );
		String id = match( "\"id\":(\\d+)", created );
		Statistics stats = entityManagerFactory.unwrap( SessionFactory.class ).getStatistics();

		String first = send( "GET", "/authors/" + id, null );
		long hitsBefore = stats.getSecondLevelCacheHitCount();
		String second = send( "GET", "/authors/" + id, null );
		assertEquals( first, second );
		assertTrue( second.contains( "Earthsea" ), second );
		assertTrue( stats.getSecondLevelCacheHitCount() - hitsBefore >= 4,
				"author, books collection and both books from the cache: " + ( stats.getSecondLevelCacheHitCount() - hitsBefore ) );

		String health = send( "GET", "/actuator/health", null );
		System.out.println( "health with Redis up: " + health );
		JsonNode cache = JSON.readTree( health ).path( "components" ).path( "redisl2" );
		assertEquals( "UP", cache.path( "status" ).asText(), health );
		assertEquals( "in use", cache.path( "details" ).path( "cache" ).asText(), health );
		assertEquals( REDIS.url(), cache.path( "details" ).path( "redis" ).asText(), "the address, without credentials" );
		String mget = send( "GET", "/actuator/metrics/redisl2.redis.commands?tag=command:MGET", null );
		System.out.println( "redisl2.redis.commands MGET: " + mget );
		assertTrue( Double.parseDouble( match( "\"statistic\":\"COUNT\",\"value\":([0-9.E]+)", mget ) ) >= 2, mget );

		REDIS.stop();
		String during = send( "GET", "/authors/" + id, null ); // the first call after the outage finds it
		assertTrue( during.contains( "Earthsea" ), "served from the database while Redis is down: " + during );
		String healthDown = send( "GET", "/actuator/health", null );
		System.out.println( "health with Redis down: " + healthDown );
		JsonNode down = JSON.readTree( healthDown );
		assertEquals( "UP", down.path( "status" ).asText(), "a bypassed cache does not take the application down: " + healthDown );
		JsonNode bypassed = down.path( "components" ).path( "redisl2" ).path( "details" );
		assertEquals( "bypassed", bypassed.path( "cache" ).asText(), healthDown );
		assertEquals( "OPEN", bypassed.path( "breaker" ).asText(), healthDown );
		assertTrue( bypassed.has( "openForMillis" ), healthDown );
		String open = send( "GET", "/actuator/metrics/redisl2.breaker.open", null );
		System.out.println( "redisl2.breaker.open: " + open );
		assertEquals( "1.0", match( "\"value\":([0-9.]+)", open ) );
		String errors = send( "GET", "/actuator/metrics/redisl2.redis.errors", null );
		System.out.println( "redisl2.redis.errors: " + errors );
		assertTrue( Double.parseDouble( match( "\"value\":([0-9.E]+)", errors ) ) >= 1, errors );
	}

	private String send(String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder( URI.create( "http://127.0.0.1:" + port + path ) );
		request = json == null ? request.method( method, HttpRequest.BodyPublishers.noBody() )
				: request.header( "Content-Type", "application/json" ).method( method, HttpRequest.BodyPublishers.ofString( json ) );
		HttpResponse<String> response = HTTP.send( request.build(), HttpResponse.BodyHandlers.ofString() );
		assertEquals( 200, response.statusCode(), method + " " + path + ": " + response.body() );
		return response.body();
	}

	private static String match(String regex, String text) {
		Matcher m = Pattern.compile( regex ).matcher( text );
		assertTrue( m.find(), regex + " in " + text );
		return m.group( 1 );
	}
}
