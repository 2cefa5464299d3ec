package opendata

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Field is a Table Schema field as Read takes it from datapackage.json.
type Field struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Constraints struct {
		Required bool     `json:"required"`
		Pattern  string   `json:"pattern"`
		Enum     []string `json:"enum"`
	} `json:"constraints"`
}

// Table is one resource read back: its fields and its rows, each a map of
// field name to the cell as written.
type Table struct {
	Fields []Field
	Rows   []map[string]string
}

// ReadPackage is what Read returns: the package's profile and its tables
// by resource name.
type ReadPackage struct {
	Profile string
	Tables  map[string]Table
}

// Read reads the data package in dir using only its datapackage.json: each
// resource's CSV must have the schema's fields as its header, every cell
// must fit its field's type and constraints, and no two rows may share a
// primary key. All problems found are returned, each naming file, row and
// field. Read reads any Frictionless package with CSV resources, not only
// Write's.
func Read(dir string) (*ReadPackage, error) {
	js, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return nil, err
	}
	var dp struct {
		Profile   string `json:"profile"`
		Resources []struct {
			Name   string `json:"name"`
			Path   string `json:"path"`
			Schema struct {
				Fields     []Field `json:"fields"`
				PrimaryKey any     `json:"primaryKey"`
			} `json:"schema"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(js, &dp); err != nil {
		return nil, fmt.Errorf("datapackage.json: %w", err)
	}
	out := &ReadPackage{Profile: dp.Profile, Tables: map[string]Table{}}
	var errs []error
	for _, r := range dp.Resources {
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(r.Path)))
		if err != nil {
			return nil, err
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Path, err)
		}
		if len(recs) == 0 {
			return nil, fmt.Errorf("%s: no header", r.Path)
		}
		fields := r.Schema.Fields
		if len(recs[0]) != len(fields) {
			return nil, fmt.Errorf("%s: header %v does not match the schema's %d fields", r.Path, recs[0], len(fields))
		}
		for i, fl := range fields {
			if recs[0][i] != fl.Name {
				return nil, fmt.Errorf("%s: column %d is %q, the schema says %q", r.Path, i+1, recs[0][i], fl.Name)
			}
		}
		var pk []string
		switch k := r.Schema.PrimaryKey.(type) {
		case string:
			pk = []string{k}
		case []any:
			for _, s := range k {
				if s, ok := s.(string); ok {
					pk = append(pk, s)
				}
			}
		}
		seen := map[string]int{}
		tb := Table{Fields: fields}
		for n, rec := range recs[1:] {
			line := n + 2
			row := map[string]string{}
			for i, fl := range fields {
				if err := checkCell(fl, rec[i]); err != nil {
					errs = append(errs, fmt.Errorf("%s row %d field %s: %w", r.Path, line, fl.Name, err))
				}
				row[fl.Name] = rec[i]
			}
			if len(pk) > 0 {
				key := make([]string, len(pk))
				for i, k := range pk {
					key[i] = row[k]
				}
				ks := strings.Join(key, "\x00")
				if prev, ok := seen[ks]; ok {
					errs = append(errs, fmt.Errorf("%s: rows %d and %d share the primary key %v", r.Path, prev, line, key))
				}
				seen[ks] = line
			}
			tb.Rows = append(tb.Rows, row)
		}
		out.Tables[r.Name] = tb
	}
	return out, errors.Join(errs...)
}

func checkCell(fl Field, v string) error {
	if v == "" {
		if fl.Constraints.Required {
			return errors.New("required, empty")
		}
		return nil
	}
	switch fl.Type {
	case "integer":
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return fmt.Errorf("%q is not an integer", v)
		}
	case "number":
		if _, ok := new(big.Rat).SetString(v); !ok {
			return fmt.Errorf("%q is not a number", v)
		}
	}
	if p := fl.Constraints.Pattern; p != "" {
		re, err := regexp.Compile(p)
		if err != nil {
			return fmt.Errorf("pattern %s: %w", p, err)
		}
		if !re.MatchString(v) {
			return fmt.Errorf("%q does not match %s", v, p)
		}
	}
	if e := fl.Constraints.Enum; len(e) > 0 {
		for _, s := range e {
			if s == v {
				return nil
			}
		}
		return fmt.Errorf("%q is not one of %v", v, e)
	}
	return nil
}

// ParseKroner reads an amount Write wrote ("-1234.50") back to øre, exactly.
func ParseKroner(s string) (int64, error) {
	if !regexp.MustCompile(AmountPattern).MatchString(s) {
		return 0, fmt.Errorf("amount %q: not kroner with two decimals", s)
	}
	neg := strings.HasPrefix(s, "-")
	kr, frac, _ := strings.Cut(strings.TrimPrefix(s, "-"), ".")
	k, err := strconv.ParseInt(kr, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w", s, err)
	}
	f, _ := strconv.ParseInt(frac, 10, 64)
	v := k*100 + f
	if neg {
		v = -v
	}
	return v, nil
}
