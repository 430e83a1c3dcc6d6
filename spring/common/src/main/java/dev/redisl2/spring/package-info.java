/**
 * What the Spring Boot 3 and 4 auto-configurations share: the Hibernate settings the starter derives from
 * {@code redisl2.*} and {@code spring.data.redis.*}, and the cache monitors of the application's
 * SessionFactories for meters and health.
 */
package dev.redisl2.spring;
