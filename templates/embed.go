// Package templates embeds the files the module ships with: the reference
// geography, the indicator catalogue, the årshjul and the texts of the
// oppdragsbrev.
//
// The fictional sample municipality, Fjordvik kommune (fiktiv), is its
// own package under templates/sample: the generator of its files, its
// indicator series, its tertial-report story, and the generated files
// themselves, embedded as sample.Files.
package templates
