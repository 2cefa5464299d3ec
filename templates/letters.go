package templates

import "embed"

// Letters holds the texts of the oppdragsbrev as Go text/template files,
// one folder per written standard: letters/nb/*.tmpl (bokmål) and
// letters/nn/*.tmpl (nynorsk). Each file is one part of the letter
// (innledning, utfordringer, budsjett, mal, rapportering, avslutning);
// paragraphs are separated by a blank line. Package reports/letters
// executes them with the letter's content model, and a municipality may
// override any of them with its own files in a folder of the same layout
// (helsebudsjett letters --templates DIR).
//
//go:embed letters
var Letters embed.FS
