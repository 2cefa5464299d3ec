package workbook_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/reports/workbook"
)

// TestWrite_Prints converts the workbook to PDF with LibreOffice, as
// "print to PDF" does, and reads it back with poppler's pdfinfo and
// pdftotext: every page A4 landscape, every column header of every sheet
// whole on one line, a sheet's headers all on the same page (it fits the
// page's width), and "Side x av y" on every page. It runs on the sample
// (bokmål and nynorsk) and on the second data set, and skips where LibreOffice or poppler is
// not installed.
func TestWrite_Prints(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui")
	}
	for _, tool := range []string{"pdfinfo", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skip("poppler-utils is not installed: apt-get install poppler-utils")
		}
	}
	sampleDB := fixture(t)
	addSampleValues(t, sampleDB)
	sampleBook, _ := export(t, sampleDB, workbook.Options{})
	nynorsk, _ := export(t, sampleDB, workbook.Options{Lang: indicators.Nynorsk})
	for _, c := range []struct {
		name string
		data []byte
	}{{"sample", sampleBook}, {"sample in nynorsk", nynorsk}, {"second data set", exportSecond(t)}} {
		t.Run(c.name, func(t *testing.T) { checkPrint(t, soffice, c.data) })
	}
}

func exportSecond(t *testing.T) []byte {
	t.Helper()
	db := secondFixture(t)
	data, _ := export(t, db, workbook.Options{})
	return data
}

func checkPrint(t *testing.T, soffice string, data []byte) {
	t.Helper()
	dir := t.TempDir()
	book := filepath.Join(dir, "hb.xlsx")
	if err := os.WriteFile(book, data, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := filepath.Join(dir, "profile")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to", "pdf", "--outdir", dir, book)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "hb.pdf")
	info, err := exec.Command("pdfinfo", "-f", "1", "-l", "1000", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	sizes := regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`).FindAllStringSubmatch(string(info), -1)
	if len(sizes) == 0 {
		t.Fatalf("pdfinfo gives no page sizes:\n%s", info)
	}
	for _, m := range sizes {
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		if w < h || w < 840 || w > 843 || h < 594 || h > 597 {
			t.Errorf("page %s is %s × %s pt, want A4 landscape (841.9 × 595.3)", m[1], m[2], m[3])
		}
	}
	pages := make([]string, len(sizes))
	space := regexp.MustCompile(`[ \x{00a0}]+`)
	for i := range pages {
		out, err := exec.Command("pdftotext", "-layout", "-f", strconv.Itoa(i+1), "-l", strconv.Itoa(i+1), pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = space.ReplaceAllString(string(out), " ")
		if !regexp.MustCompile(`Side \d+ av \d+`).MatchString(pages[i]) {
			t.Errorf("page %d has no \"Side x av y\" footer", i+1)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	headerStyle, _ := f.GetCellStyle(workbook.SheetLines, "A1")
	for _, sheet := range workbook.Sheets {
		rows, _ := f.GetRows(sheet)
		for r, row := range rows {
			var heads []string
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if st, _ := f.GetCellStyle(sheet, cell); st == headerStyle && strings.TrimSpace(v) != "" {
					heads = append(heads, space.ReplaceAllString(v, " "))
				}
			}
			if len(heads) == 0 {
				continue
			}
			// The page that shows the first header shows every other one
			// of the row, each whole on one line.
			found := false
			for _, p := range pages {
				if !strings.Contains(p, heads[0]) {
					continue
				}
				all := true
				for _, h := range heads {
					all = all && strings.Contains(p, h)
				}
				found = found || all
			}
			if !found {
				t.Errorf("%s row %d: headers %q are not all whole on one page", sheet, r+1, heads)
			}
		}
	}
}
