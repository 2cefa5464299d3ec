// Package annual writes the annual report on the health-equity budget
// (årsrapport for helsebudsjettet) to the council, as PDF: a cover and
// contents; Sammendrag (key figures and a short summary in plain
// Norwegian); Indikatorer (per indicator the series of the municipality
// and its areas with the target path and the path the adopted measures
// give, the latest values, status, trend and the inequality between areas);
// Tiltak (each measure's status per tertial, deviations, budget against
// accounts); Budsjett (the linked money by effort, determinant and unit, and
// the whole-budget rating, against the year before); and Om tallene
// (sources, periods, definitions and the figures that are suppressed).
//
// Load reads the workspace once into the content model (Report), which
// tests and other documents can read without a PDF; Render sets it with
// package reports/pdf and charts drawn with gonum/plot. With Options.Public
// the small-number rules apply throughout (indicators.Suppress): a
// suppressed value is shown as ":" and left out of every chart and every
// derived figure that could give it back; without it the report is marked
// internal on every page and confidential values are marked.
//
// The output is deterministic: the document date comes from the data (the
// latest import the report rests on), never the wall clock.
package annual
