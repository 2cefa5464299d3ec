package sample

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// ReadmeFile describes the sample files, with their counts and totals.
const ReadmeFile = "README.md"

// TemplateFiles lists the files WriteTemplates writes, in order.
func TemplateFiles() []string { return []string{PlanFile, ProposalFile, AccountsFile, ReadmeFile} }

// WriteTemplates writes the sample files into dir, creating it if needed:
// the xlsx and csv of WriteXLSX and WriteCSV with Spec{}, and a README that
// says they are fictional and what they hold. The module commits the result
// in templates/sample; `go test ./templates/sample -run TestTemplatesUpToDate
// -update` rewrites it there.
func WriteTemplates(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	writers := map[string]func(io.Writer) error{
		PlanFile:     func(w io.Writer) error { return WriteXLSX(w, Spec{}) },
		ProposalFile: writeProposal,
		AccountsFile: func(w io.Writer) error { return WriteCSV(w, Spec{}) },
		ReadmeFile:   writeReadme,
	}
	for _, name := range TemplateFiles() {
		var buf bytes.Buffer
		if err := writers[name](&buf); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// fileStats counts the lines of each file and sums each column.
type fileStats struct {
	planLines, accountLines int
	gross, net              [nKeys]int64 // expenses, and the sum of all lines
}

func stats() fileStats {
	var s fileStats
	accounts := map[string]bool{}
	for _, r := range sampleRows() {
		if !r.zero(kB27, nKeys) {
			s.planLines++
		}
		if !r.zero(kV26, kA26+1) {
			accounts[r.ansvar+"|"+r.tjeneste+"|"+artOf(r.konto)+"|"+r.prosjekt+"|"+r.bydel] = true
		}
		for k := range nKeys {
			s.net[k] += r.amt[k]
			if r.amt[k] > 0 {
				s.gross[k] += r.amt[k]
			}
		}
	}
	s.accountLines = len(accounts)
	return s
}

func writeReadme(w io.Writer) error {
	s := stats()
	var b strings.Builder
	fmt.Fprintf(&b, `# Sample budget files: %s

**FICTIONAL DATA.** %s (kommunenummer %s) does not exist. Its units, bydeler,
names and every amount are made up by the generator in `+"`templates/sample`"+`; no real
municipality's budget is reproduced. No real municipality has kommunenummer %s: it lies
in Vestland's range (46xx) above the last one in use (4651 Stryn).

The files are generated; do not edit them. To regenerate after changing the
generator:

    go test ./templates/sample -run TestTemplatesUpToDate -update

The test fails when these files differ from what the generator writes.

## Files

| file | shape | lines |
|---|---|---|
| %s | xlsx, Visma-like: sheet "Budsjett", two title rows and a blank row, header on row 4, a final "Sum" row; 5-digit tjeneste and konto; ansvar and tjeneste as numeric cells, konto as text; amounts numeric, in kroner with up to two decimals | %d |
| %s | csv, Unit4-like: Windows-1252, `+"`;`"+`, CRLF, header on line 1, a final "Sum" line; 3-digit funksjon, 5-digit tjeneste and 3-digit art, summed per ansvar, tjeneste, art, prosjekt and bydel; amounts like `+"`-1 362 250,50`"+` | %d |

Header of %s:

    %s

Header of %s:

    %s

"Bydel" holds a 6-digit SSB-style bydel code (%s01-%s06); lines of units that
serve the whole municipality have none. Prosjekt marks the health-equity measures
new in 2027 (71001-71005) and a scheme that ended in 2026 (60021), so the two
files differ in lines as well as in shape.

## Totals

Every column sums to exactly 0 kr (expenses positive, income negative); the "Sum"
rows say so. Gross expenses (the sum of positive amounts, in the sample's finest
lines) per column:

| year | version | gross expenses, kr | sum, kr |
|---|---|---|---|
`, Name, Name, Number, Number,
		PlanFile, s.planLines, AccountsFile, s.accountLines,
		PlanFile, strings.Join(planHeader, " | "), AccountsFile, strings.Join(accountsHeader, ";"),
		Number, Number)
	for k := range nKeys {
		fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", keys[k].Year, keys[k].Version,
			formatNOK(s.gross[k], " ", true), formatNOK(s.net[k], " ", true))
	}
	ps := proposal()
	var sum int64
	for _, p := range ps {
		sum += p.ore
	}
	fmt.Fprintf(&b, `
## The proposal

%s is the kommunedirektør's proposal for 2027 (forslag), in the shape of %s
with one amount column, "Budsjett 2027": import it with `+"`--version forslag`"+`. %d lines,
summing to %s kr. The council adopted it with these changes, which
`+"`helsebudsjett budget compare --year 2027 --from forslag --to vedtatt`"+` shows:

- %s kr more to the first lønn line of funksjon 232 (helsestasjons- og skolehelsetjenesten);
- %s kr less to the first line of funksjon 120 (administrasjon);
- a line of %s kr (konsulenttjenester) struck;
- the first line of funksjon 233 (annet forebyggende helsearbeid) added;
- the avsetning til disposisjonsfond (konto 54000) taking up the difference.
`, ProposalFile, PlanFile, len(ps), formatNOK(sum, " ", true),
		formatNOK(councilHelsestasjon*100, " ", true), formatNOK(-councilCutAdmin*100, " ", true),
		formatNOK(councilConsultants*100, " ", true))
	_, err := io.WriteString(w, b.String())
	return err
}
