/**
 * Conformance suites for plugin authors (the {@code recsys-test-framework} artifact; add it with test scope):
 * extend the abstract class of a contract, implement its one abstract method, and JUnit runs the contract
 * against your implementation. Every test method is public and may be overridden (for example to opt out of a
 * check your implementation documents it does not meet). Errors are checked by type and by the facts they name
 * ({@link dev.recsys.testframework.Errors}), never by exact wording.
 */
package dev.recsys.testframework;
