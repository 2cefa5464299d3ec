package indicators

import (
	"fmt"
	"sort"
)

// CheckParents checks the area hierarchy given as code → parent code (""
// for none) and returns one message per problem, in code order: an area
// that is its own parent, a parent that is not among the areas, and each
// cycle of parents (named once, from its smallest code). Aggregating
// populations and values up a hierarchy with a cycle never ends, and one
// with a missing parent silently loses areas.
func CheckParents(parents map[string]string) []string {
	codes := make([]string, 0, len(parents))
	for c := range parents {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var out []string
	inCycle := map[string]bool{}
	for _, c := range codes {
		p := parents[c]
		switch {
		case p == "":
			continue
		case p == c:
			out = append(out, fmt.Sprintf("area %s is its own parent", c))
			inCycle[c] = true
			continue
		}
		if _, ok := parents[p]; !ok {
			out = append(out, fmt.Sprintf("area %s has parent %s, which is neither in the file nor in the workspace", c, p))
			continue
		}
		if inCycle[c] {
			continue
		}
		// Walk up at most len(parents) steps: further means a cycle.
		path := []string{c}
		seen := map[string]int{c: 0}
		for cur := p; cur != ""; cur = parents[cur] {
			if i, ok := seen[cur]; ok {
				if i == 0 { // the cycle runs through c
					cycle := append(path, cur)
					for _, x := range path {
						inCycle[x] = true
					}
					out = append(out, fmt.Sprintf("areas %s are each other's parents in a cycle", joinArrow(cycle)))
				}
				break
			}
			if _, ok := parents[cur]; !ok || inCycle[cur] {
				break
			}
			seen[cur] = len(path)
			path = append(path, cur)
		}
	}
	return out
}

func joinArrow(codes []string) string {
	s := ""
	for i, c := range codes {
		if i > 0 {
			s += " → "
		}
		s += c
	}
	return s
}
