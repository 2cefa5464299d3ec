package outguard

import (
	"context"
	"fmt"
)

// Recorder is a store that remembers the files imported into it.
type Recorder interface {
	RecordInputs(ctx context.Context, ins ...Input) error
}

// Record remembers the files an import read, once it has stored them, so
// that no command later writes an output over them (Check). Empty paths
// are skipped.
func Record(ctx context.Context, r Recorder, paths ...string) error {
	var ins []Input
	for _, p := range paths {
		if p == "" {
			continue
		}
		in, err := Describe(p)
		if err != nil {
			return fmt.Errorf("record imported file: %w", err)
		}
		ins = append(ins, in)
	}
	return r.RecordInputs(ctx, ins...)
}

// Pending returns ws with the files of an import under way added to its
// inputs, as they are not recorded yet: an output the import writes (a
// mapping it saves) must not land on them either. Empty paths are skipped.
func Pending(ws Workspace, paths ...string) Workspace {
	return pending{ws, paths}
}

type pending struct {
	Workspace
	paths []string
}

func (p pending) Inputs(ctx context.Context) ([]Input, error) {
	ins, err := p.Workspace.Inputs(ctx)
	if err != nil {
		return nil, err
	}
	for _, path := range p.paths {
		if path != "" {
			ins = append(ins, Input{Path: path, Size: -1})
		}
	}
	return ins, nil
}
