/** The Spring Boot 3 auto-configuration: active only where Boot 3's HibernatePropertiesCustomizer exists. */
package dev.redisl2.spring.boot3;
