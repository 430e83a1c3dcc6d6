/**
 * What only replicated deployments need: noticing that a replica replaced a primary (Redis Cluster or
 * Sentinel failover) and fencing off whatever the old primary acknowledged but never replicated.
 */
package dev.redisl2.hibernate.topology;
