package wheel

import (
	"bytes"
	"errors"
	"io"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"go.yaml.in/yaml/v3"
)

// Parse reads a wheel from YAML. Unknown fields are errors, so a misspelt
// key ("deadlines:") is reported instead of silently ignored. It returns an
// EINVALID *budget.Error naming the line; Parse does not validate the tasks
// (see Validate).
func Parse(name string, data []byte) (*Wheel, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var w Wheel
	if err := dec.Decode(&w); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, budget.Errorf(budget.EINVALID, "%s is empty: a wheel needs tasks:", name)
		}
		return nil, budget.Errorf(budget.EINVALID, "%s is not a valid wheel: %v", name, err)
	}
	return &w, nil
}
