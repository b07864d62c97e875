/** Load test of the web demo's server ({@code recsys serve}) on the real catalogue: latency under concurrent clients and the server's memory. */
package dev.recsys.benchmarks.web;
