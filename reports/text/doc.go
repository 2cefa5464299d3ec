// Package text writes the plain-text views the command line prints: the
// read layer's views (reports/model: an indicator, its trajectories, the
// areas, the measures, a comparison of budgets) and each import's outcome,
// as aligned tables and sentences for a terminal, in bokmål or nynorsk
// where they speak to staff. The figures come from the views as given; the
// package reads no store and computes nothing, so the CLI's output can be
// tested without running the CLI.
package text
