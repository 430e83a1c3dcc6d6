package dev.redisl2.it.rolling;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;

/** The same entity as the new deployment maps it: one attribute more. */
@Entity(name = "Shape")
@Table(name = "shape")
@Cache(usage = CacheConcurrencyStrategy.READ_WRITE, region = "shapes")
public class ShapeV2 {

	@Id
	Long id;

	String name;

	String colour;

	protected ShapeV2() {
	}

	ShapeV2(Long id, String name, String colour) {
		this.id = id;
		this.name = name;
		this.colour = colour;
	}
}
