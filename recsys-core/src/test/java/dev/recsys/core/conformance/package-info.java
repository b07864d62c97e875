/**
 * Conformance suites for plugin authors (shipped in the recsys-core test-jar): extend the abstract class of a
 * contract and the suite checks your implementation against it.
 */
package dev.recsys.core.conformance;
