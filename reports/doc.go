// Package reports is the tree of the documents the module emits for
// municipal staff and the council; it holds no code of its own.
//
// Below it: model, the one read layer that gathers the figures every
// document and command shows; letters (the oppdragsbrev), annual (the
// annual report, PDF and web page), workbook (the helsebudsjett workbook),
// opendata (the NLOD export), documents (the three made one way for the CLI,
// the wheel and the web), pdf with pdf/tagged (typography, tagged PDF
// and PDF/A-2), text (the plain-text views the command line prints) and
// demo (the demonstration built on the sample municipality). Nothing here
// imports the store: the documents read through model's interfaces.
package reports
