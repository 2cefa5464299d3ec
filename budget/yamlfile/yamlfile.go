// Package yamlfile reads and writes the small YAML files a user keeps
// beside an import: the mapping files of the budget and indicator
// importers. It is the one loader they share, so both refuse the same
// things with the same messages.
package yamlfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
	"go.yaml.in/yaml/v3"
)

// LoadMapping reads the mapping file at path into m and then calls check,
// if not nil. Unknown keys are errors, so a misspelt key is not silently
// ignored. Every error it returns is a *budget.Error with code EINVALID
// naming the file (or inputfile's error when the file cannot be read):
// "mapping file PATH is empty", "mapping file PATH: <yaml error>", and
// "mapping file NAME: <check's message>".
func LoadMapping(ctx context.Context, path string, m any, check func() error) error {
	b, err := inputfile.ReadAll(ctx, path, "mapping file "+path, inputfile.SmallMaxSize)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(m); err != nil {
		if errors.Is(err, io.EOF) {
			return budget.Errorf(budget.EINVALID, "mapping file %s is empty", path)
		}
		return budget.Errorf(budget.EINVALID, "mapping file %s: %v", path, err)
	}
	if check == nil {
		return nil
	}
	if err := check(); err != nil {
		return budget.Errorf(budget.EINVALID, "mapping file %s: %s", filepath.Base(path), err.Error())
	}
	return nil
}

// Encode returns v as YAML indented by two spaces, as LoadMapping reads it.
func Encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode mapping: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode mapping: %w", err)
	}
	return buf.Bytes(), nil
}
