package tabular

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"path"
	"strings"
)

// The few bits of the package relationships and the workbook that map a
// sheet name to its part. excelize knows the mapping but does not export it,
// and the validator needs the part to check the sheet's XML.
type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Sheets []struct {
		Name string `xml:"name,attr"`
		RID  string `xml:"id,attr"` // r:id, in whichever namespace
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

// sheetPart returns the part that holds the named sheet, or nil when the
// workbook's relationships do not say (then the sheet goes unvalidated).
func (p zipParts) sheetPart(sheet string) *zip.File {
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if p.decode("_rels/.rels", &root) {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb xmlWorkbook
	var rels xmlRels
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	if !p.decode(wbPath, &wb) || !p.decode(relsPath, &rels) {
		return nil
	}
	for _, s := range wb.Sheets {
		if !strings.EqualFold(s.Name, sheet) {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				return p.find(resolveTarget(wbPath, r.Target))
			}
		}
	}
	return nil
}

// resolveTarget resolves a relationship target against the workbook part,
// as excelize does.
func resolveTarget(wbPath, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Dir(wbPath)+"/"+target), "/")
}

// decode unmarshals a small part. The size bound is checkZip's: these parts
// are not streamed, so they are below maxInMemory.
func (p zipParts) decode(name string, v any) bool {
	zf := p.find(name)
	if zf == nil {
		return false
	}
	rc, err := zf.Open()
	if err != nil {
		return false
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, maxInMemory)).Decode(v) == nil
}
