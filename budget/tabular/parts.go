package tabular

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"

	"golang.org/x/net/html/charset"
)

// The few bits of the package relationships and the workbook that list the
// sheets and map each to its part. Element and attribute names match in
// any namespace, so prefixed SpreadsheetML reads too.
type xmlRels struct {
	Rels []struct {
		ID         string `xml:"Id,attr"`
		Type       string `xml:"Type,attr"`
		Target     string `xml:"Target,attr"`
		TargetMode string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Sheets []struct {
		Name  string `xml:"name,attr"`
		State string `xml:"state,attr"`
		RID   string `xml:"id,attr"` // r:id, in whichever namespace
	} `xml:"sheets>sheet"`
}

// zipParts indexes a zip's parts by name, with backslashes made slashes as
// excelize does.
type zipParts map[string]*zip.File

func indexParts(zr *zip.Reader) zipParts {
	p := zipParts{}
	for _, zf := range zr.File {
		p[strings.ReplaceAll(zf.Name, `\`, "/")] = zf
	}
	return p
}

// find returns the part named name, ignoring case if it must.
func (p zipParts) find(name string) *zip.File {
	if zf, ok := p[name]; ok {
		return zf
	}
	for n, zf := range p {
		if strings.EqualFold(n, name) {
			return zf
		}
	}
	return nil
}

// readWorkbook returns the workbook's sheets in order, with their state
// and part, and its shared strings part (nil if it has none).
func readWorkbook(p zipParts, name string) ([]xlsxSheet, *zip.File, error) {
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if found, _ := p.decode("_rels/.rels", &root); found {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") && r.TargetMode != "External" {
				wbPath = resolveTarget("", r.Target)
			}
		}
	}
	var wb xmlWorkbook
	found, err := p.decode(wbPath, &wb)
	switch {
	case err != nil:
		return nil, nil, notReadable(name, fmt.Sprintf("its part %s is damaged (%v)", wbPath, err))
	case !found:
		return nil, nil, notReadable(name, fmt.Sprintf("it has no workbook part %s", wbPath))
	}
	var rels xmlRels
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if _, err := p.decode(relsPath, &rels); err != nil {
		return nil, nil, notReadable(name, fmt.Sprintf("its part %s is damaged (%v)", relsPath, err))
	}
	part := func(target string) *zip.File { return p.find(resolveTarget(wbPath, target)) }
	sheets := make([]xlsxSheet, len(wb.Sheets))
	for i, s := range wb.Sheets {
		sheets[i] = xlsxSheet{name: s.Name, hidden: s.State != "" && s.State != "visible"}
		for _, r := range rels.Rels {
			if r.ID == s.RID && r.TargetMode != "External" {
				sheets[i].part = part(r.Target)
				break
			}
		}
	}
	var sst *zip.File
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/sharedStrings") && r.TargetMode != "External" {
			sst = part(r.Target)
		}
	}
	if sst == nil {
		sst = p.find(resolveTarget(wbPath, "sharedStrings.xml"))
	}
	return sheets, sst, nil
}

// resolveTarget resolves a relationship target against the part whose
// relationship it is, as excelize does: a target that starts with / is
// from the package root.
func resolveTarget(from, target string) string {
	target = strings.ReplaceAll(target, `\`, "/")
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Dir(from)+"/"+target), "/")
}

// decode unmarshals a small part, reporting whether it exists. The size
// bound is checkZip's: these parts are not streamed, so they are below
// maxInMemory.
func (p zipParts) decode(name string, v any) (bool, error) {
	zf := p.find(name)
	if zf == nil {
		return false, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return true, err
	}
	defer rc.Close()
	d := xml.NewDecoder(io.LimitReader(rc, maxInMemory))
	d.CharsetReader = charset.NewReaderLabel
	if err := d.Decode(v); err != nil {
		return true, err
	}
	// Read to the end, for archive/zip's checksum.
	if _, err := io.Copy(io.Discard, rc); err != nil {
		return true, err
	}
	return true, nil
}
