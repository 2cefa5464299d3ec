package letters

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxNameRunes bounds the part of a file name taken from a unit's name.
const maxNameRunes = 80

// slug makes a unit's name safe as part of a file name: lower case,
// letters (æ ø å and other letters kept) and digits, everything else
// (slashes, dots, spaces, emoji) a single hyphen, trimmed, at most 80
// characters. It can never be "..", contain a path separator, or start
// with a dot.
func slug(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	n, dash := 0, false
	for _, r := range strings.ToLower(s) {
		if n >= maxNameRunes {
			break
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
				n++
			}
			b.WriteRune(r)
			n++
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}

// fileNames gives every recipient a file name in dir, unique even where
// names collide or differ only in case: "oppdragsbrev-2027-bydel-nordbyen.pdf",
// with the unit's code added on a collision and its number after that.
// Names depend on the whole list of recipients, so writing some units
// gives the same names as writing all.
func fileNames(year int, codes, names []string) []string {
	prefix := "oppdragsbrev-" + strconv.Itoa(year) + "-"
	// The combined letter's and the manifest's names are taken whether or
	// not this run writes them, so a unit named "Alle enheter" or
	// "manifest" never loses its letter to them.
	used := map[string]bool{strings.ToLower(combinedName(year)): true, strings.ToLower(ManifestName): true}
	out := make([]string, len(codes))
	for i := range codes {
		base := slug(names[i])
		if base == "" {
			base = slug(codes[i])
		}
		if base == "" {
			base = "enhet"
		}
		cands := []string{base, base + "-" + slug(codes[i]), base + "-" + strconv.Itoa(i+1)}
		name := ""
		for _, c := range cands {
			if c = prefix + strings.Trim(c, "-") + ".pdf"; !used[strings.ToLower(c)] {
				name = c
				break
			}
		}
		for k := 2; name == ""; k++ {
			if c := prefix + base + "-" + strconv.Itoa(i+1) + "-" + strconv.Itoa(k) + ".pdf"; !used[strings.ToLower(c)] {
				name = c
			}
		}
		used[strings.ToLower(name)] = true
		out[i] = name
	}
	return out
}

// combinedName is the file name of the combined letter.
func combinedName(year int) string { return "oppdragsbrev-" + strconv.Itoa(year) + "-alle-enheter.pdf" }

// ManifestName is the manifest beside the letters.
const ManifestName = "manifest.csv"
