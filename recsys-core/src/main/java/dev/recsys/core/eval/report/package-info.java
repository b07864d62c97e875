/**
 * Reports of evaluations: {@link dev.recsys.core.eval.report.EvaluationReport} (protocol, seed, data
 * fingerprint, git revision, per-model results), its JSON form ({@link dev.recsys.core.eval.report.ReportJson}),
 * a terminal table ({@link dev.recsys.core.eval.report.TextTable}) and a CSV export of ranked lists and
 * held-out items ({@link dev.recsys.core.eval.report.RecommendationExport}). HTML reports with plots live
 * outside the core (in {@code recsys-examples}), so the core does not depend on a plotting library.
 */
package dev.recsys.core.eval.report;
