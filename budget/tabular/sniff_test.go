package tabular_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/tabular"
)

func TestSniff(t *testing.T) {
	long := strings.Repeat("1000;Barnehage;12,50\n", 10)
	cases := []struct {
		name, head string
		enc        string
		sep        rune
		skip       bool
	}{
		{"empty", "", "utf-8", ';', false},
		{"head cut mid-character", long + "1000;B\xC3", "utf-8", ';', false},
		{"head cut mid-line", "a,b,c\n1,2,3\n4,5", "utf-8", ',', false},
		{"sep= wins over the vote", "sep=|\na;b;c\n1;2;3\n", "utf-8", '|', true},
		{"unknown sep= is data", "sep=#\na;b\n", "utf-8", ';', false},
		{"quoted line breaks", "\"a\nb\",c\n\"d\ne\",f\n", "utf-8", ',', false},
		{"pipes", "a|b|c\n1|2|3\n", "utf-8", '|', false},
		{"most split when none is consistent", "a,b\n1,2,3\nx\n", "utf-8", ',', false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			enc, sep, skip, err := tabular.Sniff([]byte(c.head))
			if err != nil || enc != c.enc || sep != c.sep || skip != c.skip {
				t.Errorf("got %q %q %v %v, want %q %q %v", enc, sep, skip, err, c.enc, c.sep, c.skip)
			}
		})
	}
	for _, bad := range []string{"\x00\x01\x02\x03\x04\x05", "\xFF\xFE\x00\x00a\x00\x00\x00", "a\x00b\x00c\x00\x00\x00d"} {
		_, _, _, err := tabular.Sniff([]byte(bad))
		wantInvalid(t, err, "unknown or binary encoding")
	}
}
