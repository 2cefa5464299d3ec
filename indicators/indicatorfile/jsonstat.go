package indicatorfile

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/indicators"
	"github.com/helsebudsjett/helsebudsjett/indicators/internal/cell"
)

// maxCells bounds the cells a JSON-stat dataset may declare, so a hostile
// "size" cannot make Read loop for ever.
const maxCells = 20_000_000

// jsDataset is a JSON-stat 2.0 dataset (https://json-stat.org/format/), the
// format of SSB's statbank API. Only what Read needs is decoded.
type jsDataset struct {
	Version   string                 `json:"version"`
	Class     string                 `json:"class"`
	Label     string                 `json:"label"`
	ID        []string               `json:"id"`
	Size      []int                  `json:"size"`
	Role      jsRole                 `json:"role"`
	Dimension map[string]jsDimension `json:"dimension"`
	// Value is an array of numbers and nulls in row-major order (the last
	// dimension varies fastest), or an object from position to number.
	Value json.RawMessage `json:"value"`
	// Status is one string for every cell, an array, or an object from
	// position to string: the sign a missing value is published with.
	Status json.RawMessage `json:"status"`
}

type jsRole struct {
	Time   []string `json:"time"`
	Geo    []string `json:"geo"`
	Metric []string `json:"metric"`
}

type jsDimension struct {
	Label    string     `json:"label"`
	Category jsCategory `json:"category"`
}

type jsCategory struct {
	// Index is an array of category codes in order, or an object from code
	// to position; absent for a dimension of one category.
	Index json.RawMessage   `json:"index"`
	Label map[string]string `json:"label"`
}

// jsDim is a decoded dimension: its id, label and categories in order.
type jsDim struct {
	id, label string
	codes     []string
	labels    []string
}

// looksJSON reports whether a file's first bytes are a JSON object.
func looksJSON(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	return len(head) > 0 && head[0] == '{'
}

// decodeJSONStat decodes a dataset into its dimensions and cells.
func decodeJSONStat(data []byte, where string) (*jsDataset, []jsDim, error) {
	bad := func(format string, args ...any) error {
		return budget.Errorf(budget.EINVALID, "%s: not a JSON-stat 2.0 dataset: %s", where, fmt.Sprintf(format, args...))
	}
	var ds jsDataset
	if err := json.Unmarshal(data, &ds); err != nil {
		return nil, nil, bad("%v", err)
	}
	if ds.Class != "dataset" {
		return nil, nil, bad("class is %q, want \"dataset\" (for a bundle or collection, download one table)", ds.Class)
	}
	if len(ds.ID) == 0 || len(ds.ID) != len(ds.Size) {
		return nil, nil, bad("id has %d dimensions and size %d", len(ds.ID), len(ds.Size))
	}
	total := 1
	dims := make([]jsDim, len(ds.ID))
	for k, id := range ds.ID {
		d, ok := ds.Dimension[id]
		if !ok {
			return nil, nil, bad("dimension %q is in id but not in dimension", id)
		}
		codes, err := categoryCodes(d.Category, ds.Size[k])
		if err != nil {
			return nil, nil, bad("dimension %q: %v", id, err)
		}
		labels := make([]string, len(codes))
		for i, c := range codes {
			labels[i] = c
			if l, ok := d.Category.Label[c]; ok {
				labels[i] = l
			}
		}
		label := d.Label
		if label == "" {
			label = id
		}
		dims[k] = jsDim{id: id, label: label, codes: codes, labels: labels}
		if ds.Size[k] <= 0 || total > maxCells/ds.Size[k] {
			return nil, nil, bad("size %v declares too many cells", ds.Size)
		}
		total *= ds.Size[k]
	}
	return &ds, dims, nil
}

// categoryCodes returns a dimension's category codes in index order.
func categoryCodes(c jsCategory, size int) ([]string, error) {
	raw := bytes.TrimSpace(c.Index)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		if len(c.Label) != 1 || size != 1 {
			return nil, fmt.Errorf("no category index for %d categories", size)
		}
		for code := range c.Label {
			return []string{code}, nil
		}
	case raw[0] == '[':
		var codes []string
		if err := json.Unmarshal(raw, &codes); err != nil {
			return nil, err
		}
		if len(codes) != size {
			return nil, fmt.Errorf("%d categories, size says %d", len(codes), size)
		}
		return codes, nil
	}
	var pos map[string]int
	if err := json.Unmarshal(raw, &pos); err != nil {
		return nil, err
	}
	if len(pos) != size {
		return nil, fmt.Errorf("%d categories, size says %d", len(pos), size)
	}
	codes := make([]string, size)
	for code, p := range pos {
		if p < 0 || p >= size || codes[p] != "" {
			return nil, fmt.Errorf("category %q has position %d", code, p)
		}
		codes[p] = code
	}
	return codes, nil
}

// cells returns the dataset's values and statuses by position: the number
// as written (so no float rounding), "" for null or absent.
func (ds *jsDataset) cells(n int) (values, status map[int]string, err error) {
	values, status = map[int]string{}, map[int]string{}
	if err := decodeCells(ds.Value, n, values, true); err != nil {
		return nil, nil, fmt.Errorf("value: %w", err)
	}
	raw := bytes.TrimSpace(ds.Status)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, nil, fmt.Errorf("status: %w", err)
		}
		for i := 0; i < n; i++ {
			status[i] = s
		}
		return values, status, nil
	}
	if err := decodeCells(ds.Status, n, status, false); err != nil {
		return nil, nil, fmt.Errorf("status: %w", err)
	}
	return values, status, nil
}

func decodeCells(raw json.RawMessage, n int, into map[int]string, numbers bool) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	text := func(m json.RawMessage) (string, error) {
		m = bytes.TrimSpace(m)
		switch {
		case len(m) == 0 || string(m) == "null":
			return "", nil
		case m[0] == '"':
			var s string
			err := json.Unmarshal(m, &s)
			return s, err
		case numbers:
			var num json.Number
			err := json.Unmarshal(m, &num)
			return num.String(), err
		}
		return "", fmt.Errorf("%s is not a string", m)
	}
	if raw[0] == '[' {
		var arr []json.RawMessage
		if err := json.Unmarshal(raw, &arr); err != nil {
			return err
		}
		if len(arr) > n {
			return fmt.Errorf("%d cells, the dimensions make %d", len(arr), n)
		}
		for i, m := range arr {
			s, err := text(m)
			if err != nil {
				return fmt.Errorf("cell %d: %w", i, err)
			}
			if s != "" {
				into[i] = s
			}
		}
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return err
	}
	for k, m := range obj {
		i, err := strconv.Atoi(k)
		if err != nil || i < 0 || i >= n {
			return fmt.Errorf("position %q is not a cell", k)
		}
		s, err := text(m)
		if err != nil {
			return fmt.Errorf("cell %s: %w", k, err)
		}
		if s != "" {
			into[i] = s
		}
	}
	return nil
}

// jsonStatRecords turns a dataset into records: one per cell, in position
// order. The geography is the dimension with role geo (else one called
// Region or Geografi), the period the one with role time (else Tid or År),
// the indicator the one with role metric (else ContentsCode); the others
// are dims.
func jsonStatRecords(data []byte, where string, wheres []Where, skipped map[string]int, emit func(record)) (int, error) {
	ds, dims, err := decodeJSONStat(data, where)
	if err != nil {
		return 0, err
	}
	geo := pickDim(dims, ds.Role.Geo, "region", "geografi", "geo", "kommune", "bydel")
	tid := pickDim(dims, ds.Role.Time, "tid", "år", "time", "year", "periode")
	metric := pickDim(dims, ds.Role.Metric, "contentscode", "statistikkvariabel", "indikator")
	if geo < 0 || tid < 0 {
		return 0, budget.Errorf(budget.EINVALID, "%s: the JSON-stat dataset has no geography or no time dimension (dimensions: %s)", where, dimIDs(dims))
	}
	type cond struct {
		dim   int
		value string
	}
	var conds []cond
	for _, w := range wheres {
		k := -1
		for i, d := range dims {
			if cell.Fold(d.id) == cell.Fold(w.Column) || cell.Fold(d.label) == cell.Fold(w.Column) {
				k = i
			}
		}
		if k < 0 {
			return 0, budget.Errorf(budget.EINVALID, "%s: --where %s: no such dimension (dimensions: %s)", where, w.Column, dimIDs(dims))
		}
		conds = append(conds, cond{k, cell.Fold(w.Value)})
	}
	n := 1
	for _, d := range dims {
		n *= len(d.codes)
	}
	values, status, err := ds.cells(n)
	if err != nil {
		return 0, budget.Errorf(budget.EINVALID, "%s: %v", where, err)
	}
	idx := make([]int, len(dims))
	for pos := 0; pos < n; pos++ {
		if pos > 0 { // advance the odometer, the last dimension fastest
			for k := len(idx) - 1; k >= 0; k-- {
				if idx[k]++; idx[k] < len(dims[k].codes) {
					break
				}
				idx[k] = 0
			}
		}
		ok := true
		for _, c := range conds {
			d := dims[c.dim]
			if cell.Fold(d.codes[idx[c.dim]]) != c.value && cell.Fold(d.labels[idx[c.dim]]) != c.value {
				ok = false
			}
		}
		if !ok {
			skipped["where"]++
			continue
		}
		r := record{row: pos + 1, geoCol: dims[geo].id, periodCol: dims[tid].id, valueCol: "value"}
		r.geoCode, r.geoName = dims[geo].codes[idx[geo]], dims[geo].labels[idx[geo]]
		r.period = dims[tid].labels[idx[tid]]
		if _, err := indicators.ParsePeriod(r.period); err != nil {
			r.period = dims[tid].codes[idx[tid]]
		}
		if metric >= 0 {
			r.indicator, r.indCol = dims[metric].labels[idx[metric]], dims[metric].id
		}
		for k, d := range dims {
			if k == geo || k == tid || k == metric {
				continue
			}
			if v := d.labels[idx[k]]; !wholeNames[cell.Fold(v)] {
				r.dims = append(r.dims, indicators.Dim{Name: strings.ToLower(cell.Clean(d.label)), Value: cell.Clean(v)})
			}
		}
		if v, ok := values[pos]; ok {
			r.value = v
		} else {
			r.value = status[pos]
		}
		emit(r)
	}
	return n, nil
}

func pickDim(dims []jsDim, role []string, names ...string) int {
	for _, id := range role {
		for i, d := range dims {
			if d.id == id {
				return i
			}
		}
	}
	for i, d := range dims {
		for _, n := range names {
			if cell.Fold(d.id) == cell.Fold(n) {
				return i
			}
		}
	}
	return -1
}

func dimIDs(dims []jsDim) string {
	ids := make([]string, len(dims))
	for i, d := range dims {
		ids[i] = d.id
	}
	sort.Strings(ids)
	return strings.Join(ids, ", ")
}
