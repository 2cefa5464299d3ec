package runner_test

import (
	"testing"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel/runner"
)

func TestMailConfig_Check(t *testing.T) {
	ok := runner.MailConfig{Host: "smtp.example.com", From: "årshjul@fjordvik.kommune.no", Username: "u"}
	if err := ok.Check(); err != nil {
		t.Fatalf("good configuration refused: %v", err)
	}
	for name, c := range map[string]runner.MailConfig{
		"from with CRLF":      {Host: "h", From: "a@b.no\r\nBcc: x@y.no"},
		"from with LF":        {Host: "h", From: "a@b.no\nx"},
		"username with CRLF":  {Host: "h", From: "a@b.no", Username: "u\r\nRCPT TO:<x@y>"},
		"host with LF":        {Host: "h\n", From: "a@b.no"},
		"no from":             {Host: "h"},
		"from not an address": {Host: "h", From: "årshjulet"},
	} {
		t.Run(name, func(t *testing.T) {
			if err := c.Check(); budget.ErrorCode(err) != budget.EINVALID {
				t.Errorf("err = %v, want EINVALID", err)
			}
		})
	}
}
