/** The Spring Boot 4 auto-configuration: active only where Boot 4's HibernatePropertiesCustomizer exists. */
package dev.redisl2.spring.boot4;
