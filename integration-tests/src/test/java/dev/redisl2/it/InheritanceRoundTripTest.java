package dev.redisl2.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.redisl2.sample.Car;
import dev.redisl2.sample.Truck;
import dev.redisl2.sample.Vehicle;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * (i) A single-table hierarchy in one cache region: a Car and a Truck come back from the cache as the
 * right subclass with their own fields, looked up through the root or the subclass, on either node.
 */
class InheritanceRoundTripTest extends TwoNodeTestBase {

	@BeforeEach
	void seed() {
		inTx(a, em -> {
			em.persist(new Car(1L, "Renault", 5));
			em.persist(new Truck(2L, "Volvo", 18.5));
		});
		evictAll();
		// load once on node A: now both are in the cache
		fromTx(a, em -> em.find(Vehicle.class, 1L));
		fromTx(a, em -> em.find(Vehicle.class, 2L));
	}

	@Test
	void carAndTruckComeBackFromTheCacheWithSubclassFields() {
		StatsProbe p = StatsProbe.of(a);
		Vehicle v1 = fromTx(a, em -> em.find(Vehicle.class, 1L));
		Vehicle v2 = fromTx(a, em -> em.find(Vehicle.class, 2L));
		assertEquals(0, p.sql(), "both from the cache: " + p);
		assertEquals(2, p.l2Hits(), p.toString());

		Car car = assertInstanceOf(Car.class, v1);
		assertEquals("Renault", car.getMaker());
		assertEquals(5, car.getDoors());
		Truck truck = assertInstanceOf(Truck.class, v2);
		assertEquals("Volvo", truck.getMaker());
		assertEquals(18.5, truck.getPayloadTons(), 0.0);
	}

	@Test
	void otherNodeGetsSubclassesBySubclassLookup() {
		StatsProbe p = StatsProbe.of(b);
		Car car = fromTx(b, em -> em.find(Car.class, 1L));
		Truck truck = fromTx(b, em -> em.find(Truck.class, 2L));
		assertEquals(0, p.sql(), "node B reads node A's cached vehicles: " + p);
		assertEquals(5, car.getDoors());
		assertEquals(18.5, truck.getPayloadTons(), 0.0);
	}

	@Test
	void lookupWithTheWrongSubclassFindsNothing() {
		assertNull(fromTx(b, em -> em.find(Truck.class, 1L)), "a Car must not come back as a Truck");
		assertNull(fromTx(b, em -> em.find(Car.class, 2L)), "a Truck must not come back as a Car");
	}

	@Test
	void subclassFieldUpdateOnOtherNode() {
		inTx(b, em -> {
			em.find(Car.class, 1L).setDoors(3);
			em.find(Truck.class, 2L).setPayloadTons(20.25);
		});
		Car car = assertInstanceOf(Car.class, fromTx(a, em -> em.find(Vehicle.class, 1L)));
		assertEquals(3, car.getDoors());
		Truck truck = assertInstanceOf(Truck.class, fromTx(a, em -> em.find(Vehicle.class, 2L)));
		assertEquals(20.25, truck.getPayloadTons(), 0.0);
	}

	@Test
	void polymorphicQueryUsesCachedEntities() {
		String q = "select v from Vehicle v order by v.id";
		List<Vehicle> first = fromTx(a, em -> em.createQuery(q, Vehicle.class)
				.setHint("org.hibernate.cacheable", true).getResultList());
		StatsProbe p = StatsProbe.of(b);
		List<Vehicle> second = fromTx(b, em -> em.createQuery(q, Vehicle.class)
				.setHint("org.hibernate.cacheable", true).getResultList());
		assertEquals(0, p.sql(), "query and entities from the cache: " + p);
		assertEquals(2, second.size());
		assertInstanceOf(Car.class, second.get(0));
		assertInstanceOf(Truck.class, second.get(1));
		assertEquals(first.size(), second.size());
	}
}
