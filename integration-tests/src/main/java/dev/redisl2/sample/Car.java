package dev.redisl2.sample;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

@Entity
@DiscriminatorValue("CAR")
public class Car extends Vehicle {

	private int doors;

	protected Car() {
	}

	public Car(Long id, String maker, int doors) {
		super(id, maker);
		this.doors = doors;
	}

	public int getDoors() {
		return doors;
	}

	public void setDoors(int doors) {
		this.doors = doors;
	}

	@Override
	public String toString() {
		return "Car[" + getId() + ", " + getMaker() + ", doors=" + doors + "]";
	}
}
