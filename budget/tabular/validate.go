package tabular

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"

	"golang.org/x/net/html/charset"
)

// validator checks, beside excelize, that the sheet's XML (and the shared
// strings) are well formed and unpack without checksum errors. It has to:
// excelize's row iterator stops silently at the first XML error, so a
// damaged or truncated sheet would read as a shorter, valid one. It runs in
// its own goroutine, since on two cores checking costs a fraction of what
// excelize spends on the same bytes, and it also counts the sheet's rows
// for the progress estimate.
type validator struct {
	stop    atomic.Bool
	read    atomic.Int64 // offset in the sheet XML of the last row seen
	lastRow atomic.Int64 // highest row number seen
	sheetOK atomic.Bool  // the whole sheet has been checked
	total   int64        // unpacked size of the sheet XML
	result  chan error
	err     error
	done    bool
}

// startValidator checks the parts in order; the first must be the sheet.
func startValidator(ctx context.Context, parts ...*zip.File) *validator {
	v := &validator{result: make(chan error, 1), total: int64(parts[0].UncompressedSize64)}
	go func() { v.result <- v.run(ctx, parts) }()
	return v
}

func (v *validator) run(ctx context.Context, parts []*zip.File) error {
	for i, zf := range parts {
		if zf == nil {
			continue
		}
		if err := v.check(ctx, zf, i == 0); err != nil {
			return err
		}
		if i == 0 {
			v.sheetOK.Store(true)
		}
	}
	return nil
}

// poll returns the validator's error if it has finished, without waiting.
func (v *validator) poll() error {
	if v.done {
		return v.err
	}
	select {
	case err := <-v.result:
		v.done, v.err = true, err
	default:
	}
	return v.err
}

// wait waits for the validator and returns its error.
func (v *validator) wait() error {
	if !v.done {
		v.done, v.err = true, <-v.result
	}
	return v.err
}

// close stops the validator and waits for it, so no goroutine reads the
// file after Close.
func (v *validator) close() {
	v.stop.Store(true)
	_ = v.wait()
}

// estimateRows guesses the sheet's last row number: exact once the whole
// sheet is checked, else extrapolated from how far the check has come.
func (v *validator) estimateRows() int64 {
	last := v.lastRow.Load()
	if v.sheetOK.Load() {
		return last
	}
	read := v.read.Load()
	if read == 0 || v.total == 0 {
		return 0
	}
	return last * v.total / read
}

var errStopped = errors.New("validation stopped")

// check reads one part through the XML tokenizer excelize uses.
func (v *validator) check(ctx context.Context, zf *zip.File, sheet bool) error {
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("its part %s cannot be unpacked: %v", zf.Name, err)
	}
	defer rc.Close()
	d := xml.NewDecoder(bufio.NewReaderSize(rc, 64<<10))
	d.CharsetReader = charset.NewReaderLabel
	return v.tokens(ctx, d, zf.Name, sheet)
}

// tokens reads every token of d and counts the rows of a sheet.
func (v *validator) tokens(ctx context.Context, d *xml.Decoder, part string, sheet bool) error {
	elements := 0
	for n := 0; ; n++ {
		if n%4096 == 0 && (v.stop.Load() || ctx.Err() != nil) {
			return errStopped
		}
		tok, err := d.Token()
		if err == io.EOF && elements > 0 {
			return nil
		}
		if err == io.EOF {
			return fmt.Errorf("its part %s holds no XML", part)
		}
		var syntax *xml.SyntaxError
		if errors.As(err, &syntax) {
			return fmt.Errorf("its part %s is damaged near line %d: %v", part, syntax.Line, err)
		}
		if err != nil {
			return fmt.Errorf("its part %s cannot be unpacked (%v)", part, err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			elements++
			if sheet && se.Name.Local == "row" {
				v.countRow(se)
				v.read.Store(d.InputOffset())
			}
		}
	}
}

// countRow records a row's number, which the r attribute gives or, when it
// is missing, follows the previous row's.
func (v *validator) countRow(se xml.StartElement) {
	for _, a := range se.Attr {
		if a.Name.Local == "r" {
			if r, err := strconv.ParseInt(a.Value, 10, 64); err == nil {
				v.lastRow.Store(max(r, v.lastRow.Load()))
				return
			}
		}
	}
	v.lastRow.Add(1)
}
