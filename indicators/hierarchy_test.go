package indicators_test

import (
	"reflect"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/indicators"
)

func TestCheckParents(t *testing.T) {
	cases := []struct {
		name    string
		parents map[string]string
		want    []string
	}{
		{"a tree", map[string]string{"4699": "", "469901": "4699", "469902": "4699", "s1": "469901"}, nil},
		{"self-parent", map[string]string{"4699": "4699"}, []string{"area 4699 is its own parent"}},
		{"unknown parent", map[string]string{"469901": "4698"}, []string{"area 469901 has parent 4698, which is neither in the file nor in the workspace"}},
		{"cycle of two", map[string]string{"a": "b", "b": "a"}, []string{"areas a → b → a are each other's parents in a cycle"}},
		{"cycle of three with a tail", map[string]string{"0": "c", "a": "b", "b": "c", "c": "a", "z": "a"},
			[]string{"areas a → b → c → a are each other's parents in a cycle"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := indicators.CheckParents(c.parents); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
