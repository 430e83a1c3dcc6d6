package dev.redisl2.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A library with authors and their books, served from redisl2 once read. */
@SpringBootApplication
public class LibraryApplication {

	public static void main(String[] args) {
		SpringApplication.run( LibraryApplication.class, args );
	}
}
