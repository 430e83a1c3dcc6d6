package dev.redisl2.hibernate.config;

import java.time.Duration;

/**
 * How the factory's circuit breaker reacts to Redis failures (see {@code resilience.CircuitBreaker}).
 *
 * @param failureThreshold consecutive failed calls that open the breaker (a timeout opens it at once)
 * @param probeInterval how often the background probe PINGs Redis while the breaker is open
 * @param backlogSize entries remembered for invalidation replay before whole regions are evicted instead
 */
public record BreakerSettings(int failureThreshold, Duration probeInterval, int backlogSize) {
}
