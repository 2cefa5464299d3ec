package tertial_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/tertial"
)

// withSharedString rewrites the form at p so that its shared strings hold
// one string of n bytes, deflated: a small file that unpacks to a huge
// string, as the 508 KB form holding a 500 MB string.
func withSharedString(t *testing.T, p string, n int) {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, f := range zr.File {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == "xl/sharedStrings.xml" {
			io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`)
			chunk := bytes.Repeat([]byte("a"), 1<<20)
			for i := 0; i < n>>20; i++ {
				w.Write(chunk)
			}
			io.WriteString(w, `</t></si></sst>`)
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(w, rc)
		rc.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadForm_SharedStringBomb: a small form whose shared string unpacks
// to hundreds of MB is refused fast, in bounded memory, before excelize
// reads it whole (it took 2.1 GB).
func TestReadForm_SharedStringBomb(t *testing.T) {
	for _, c := range []struct {
		name string
		size int
		want string
	}{
		{"500 MB string", 500 << 20, "zip bomb"},
		{"20 MB string", 20 << 20, "xl/sharedStrings.xml is damaged"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := writeForm(t, form())
			withSharedString(t, p, c.size)
			fi, _ := os.Stat(p)
			if fi.Size() > 1<<20 {
				t.Fatalf("the bomb is %d bytes; it should be small", fi.Size())
			}
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := tertial.ReadForm(context.Background(), p, tertial.Options{})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			if budget.ErrorCode(err) != budget.EINVALID || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an EINVALID error saying %q", err, c.want)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("refusing it allocated %d MB, want under 64 MB", alloc>>20)
			}
			if took > 2*time.Second {
				t.Errorf("refusing it took %s", took)
			}
		})
	}
}
