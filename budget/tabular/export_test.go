package tabular

import (
	"bytes"
	"context"
)

// ScanSheet reads data as the XML of a worksheet part, with the shared
// strings given, as the xlsx reader does, and returns its rows with the
// cells copied.
func ScanSheet(data []byte, shared []string) ([]Row, error) {
	s := newSheetScanner(context.Background(), bytes.NewReader(data), shared)
	var rows []Row
	for {
		found, err := s.nextRow()
		if err != nil || !found {
			return rows, err
		}
		rows = append(rows, Row{Number: s.num, Cells: append([]string(nil), s.cells...),
			Errors: append([]int(nil), errorsWithin(s.errors, len(s.cells))...)})
	}
}

// ReadShared reads data as a shared strings part.
func ReadShared(data []byte) ([]string, error) {
	return readShared(context.Background(), bytes.NewReader(data))
}
