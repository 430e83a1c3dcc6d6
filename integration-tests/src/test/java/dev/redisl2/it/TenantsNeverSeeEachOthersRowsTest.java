package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.redisl2.sample.Note;
import dev.redisl2.sample.SampleApp;
import jakarta.persistence.EntityManagerFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * (f) Multi-tenancy (discriminator column, {@code @TenantId}): two tenants holding a Note with the SAME id
 * never see each other's row, whether it comes from the database or from the shared cache, on either node.
 * The table's primary key is widened to (id, tenant) so that both rows can exist.
 */
class TenantsNeverSeeEachOthersRowsTest extends TwoNodeTestBase {

	@Override
	protected String unit() {
		return SampleApp.UNIT_TENANTS;
	}

	@Override
	protected void afterNodesOpened() {
		nodes.jdbc("alter table Note alter column tenant set not null",
				"alter table Note drop primary key",
				"alter table Note add primary key (id, tenant)");
	}

	@Test
	void sameIdDifferentTenants() {
		save(a, "acme", 1L, "acme's secret");
		// tenant globex looks up id 1 while acme's row is cached: must not get it
		read(a, "acme", 1L);
		assertNull(read(a, "globex", 1L), "tenant globex sees tenant acme's note through node A");
		assertNull(read(b, "globex", 1L), "tenant globex sees tenant acme's note through node B");

		save(b, "globex", 1L, "globex's plans");
		for (EntityManagerFactory node : new EntityManagerFactory[] {a, b, a, b}) {
			assertEquals("acme's secret", read(node, "acme", 1L).getText());
			assertEquals("globex's plans", read(node, "globex", 1L).getText());
		}
		assertEquals("acme", read(a, "acme", 1L).getTenant());
		assertEquals("globex", read(b, "globex", 1L).getTenant());
	}

	@Test
	void eachTenantsEntryIsCachedSeparately() {
		save(a, "acme", 7L, "A7");
		save(a, "globex", 7L, "G7");
		read(a, "acme", 7L);
		read(a, "globex", 7L);

		StatsProbe p = StatsProbe.of(b);
		assertEquals("A7", read(b, "acme", 7L).getText());
		assertEquals("G7", read(b, "globex", 7L).getText());
		assertEquals(2, p.l2Hits(), "both tenants' notes come from the cache: " + p);
		assertEquals(0, p.sql(), p.toString());

		Set<String> noteKeys = nodes.regionKeys("dev.redisl2.sample.Note").stream()
				.filter(k -> k.contains("{")).collect(Collectors.toSet());
		assertTrue(noteKeys.size() >= 2, "one cache entry per tenant expected, found " + noteKeys);
	}

	@Test
	void updateInOneTenantLeavesTheOtherAlone() {
		save(a, "acme", 3L, "acme v1");
		save(a, "globex", 3L, "globex v1");
		read(a, "acme", 3L);
		read(b, "globex", 3L);

		TwoNodes.inSession(b, "acme", s -> {
			s.find(Note.class, 3L).setText("acme v2");
			return null;
		});
		assertEquals("acme v2", read(a, "acme", 3L).getText());
		assertEquals("globex v1", read(a, "globex", 3L).getText());
		assertEquals("globex v1", read(b, "globex", 3L).getText());
	}

	@Test
	void deleteInOneTenantLeavesTheOtherAlone() {
		save(a, "acme", 4L, "acme 4");
		save(a, "globex", 4L, "globex 4");
		read(a, "acme", 4L);
		read(a, "globex", 4L);
		TwoNodes.inSession(b, "globex", s -> {
			s.remove(s.find(Note.class, 4L));
			return null;
		});
		assertNull(read(a, "globex", 4L));
		assertNotNull(read(a, "acme", 4L));
		assertEquals("acme 4", read(b, "acme", 4L).getText());
	}

	@Test
	void queriesAreScopedToTheTenant() {
		save(a, "acme", 10L, "a");
		save(a, "acme", 11L, "b");
		save(a, "globex", 10L, "c");
		String q = "select n.text from Note n order by n.id";
		for (int i = 0; i < 2; i++) {
			assertEquals(java.util.List.of("a", "b"), TwoNodes.inSession(b, "acme", s ->
					s.createQuery(q, String.class).setCacheable(true).getResultList()));
			assertEquals(java.util.List.of("c"), TwoNodes.inSession(b, "globex", s ->
					s.createQuery(q, String.class).setCacheable(true).getResultList()));
		}
	}

	private static void save(EntityManagerFactory node, String tenant, long id, String text) {
		TwoNodes.inSession(node, tenant, s -> {
			s.persist(new Note(id, text));
			return null;
		});
	}

	private static Note read(EntityManagerFactory node, String tenant, long id) {
		return TwoNodes.inSession(node, tenant, s -> s.find(Note.class, id));
	}
}
