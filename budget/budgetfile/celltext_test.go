package budgetfile_test

import (
	"strings"
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
)

// TestLongText: a text longer than a spreadsheet cell holds is a row error
// naming row and column, never cut short in the workbook later.
func TestLongText(t *testing.T) {
	long := strings.Repeat("æ", 32768)
	fits := strings.Repeat("x", 32767)
	res, lines := run(t, table("Ansvar;Funksjon;Art;Tekst;Beløp", "1;232;010;"+fits+";5", "1;232;011;"+long+";6"), budgetfile.Options{Year: 2027})
	if len(res.Errors) != 1 {
		t.Fatalf("errors %+v, want one", res.Errors)
	}
	e := res.Errors[0]
	if e.Row != 3 || e.Column != "D" || !strings.Contains(e.Message, "32768 characters") || len(e.Value) > 200 {
		t.Errorf("error %+v, want row 3, column D, the length", e)
	}
	if len(lines) != 1 || lines[0].Attributes[0].Value != fits {
		t.Errorf("the text that fits was not kept whole")
	}
}
