package dev.redisl2.it.rolling;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** The entity as the old deployment maps it. */
@Entity(name = "Shape")
@Table(name = "shape")
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = "shapes")
public class ShapeV1 {

	@Id
	Long id;

	String name;

	protected ShapeV1() {
	}

	ShapeV1(Long id, String name) {
		this.id = id;
		this.name = name;
	}
}
