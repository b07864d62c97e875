/**
 * HTML evaluation reports with plots ({@link dev.recsys.report.HtmlReport}), drawn with XChart. Kept out of
 * {@code recsys-core} so the library does not depend on a plotting library.
 */
package dev.recsys.report;
