package letters

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/inputfile"
)

// Config is what a municipality sets once for its letters: who it is, the
// subject, the references of the archive, the signature, which roles of
// the wheel concern every unit, and the section titles. It is read from
// YAML (ParseConfig); templates/sample/brev.yaml is an example.
type Config struct {
	Municipality   Municipality `yaml:"municipality"`
	Subject        ByLang       `yaml:"subject"`    // a text/template with the Letter as data
	References     References   `yaml:"references"` // OurRef is a text/template too
	Signature      Signature    `yaml:"signature"`
	ReportingRoles []string     `yaml:"reporting_roles"`
	Sections       struct {
		NB Titles `yaml:"nb"`
		NN Titles `yaml:"nn"`
	} `yaml:"sections"`

	logo     []byte // the logo file's bytes, read by ParseConfig
	logoKind string // "png" or "jpg"
}

// Municipality is the letterhead.
type Municipality struct {
	Name      string   `yaml:"name" json:"name"`
	Sender    string   `yaml:"sender" json:"sender"` // the office the letter is from: "Kommunedirektøren"
	Address   []string `yaml:"address" json:"address"`
	Phone     string   `yaml:"phone" json:"phone"`
	Email     string   `yaml:"email" json:"email"`
	Web       string   `yaml:"web" json:"web"`
	OrgNumber string   `yaml:"org_number" json:"org_number"`
	Logo      string   `yaml:"logo" json:"logo"` // PNG or JPEG file, relative to the configuration file
}

// ByLang is a text in bokmål and nynorsk.
type ByLang struct {
	NB string `yaml:"nb"`
	NN string `yaml:"nn"`
}

func (t ByLang) in(nn bool) string {
	if nn && t.NN != "" || t.NB == "" {
		return t.NN
	}
	return t.NB
}

// References are the archive's references in the letter's header. OurRef
// may use {{.Year}}, {{.Seq}} (the letter's number among the year's
// letters, stable whichever units are written) and {{.Unit.Code}}.
type References struct {
	OurRef      string `yaml:"our_ref"`
	YourRef     string `yaml:"your_ref"`
	ArchiveCode string `yaml:"archive_code"`
	CaseOfficer string `yaml:"case_officer"`
}

// Signer is a name and a title.
type Signer struct {
	Name  string `yaml:"name" json:"name"`
	Title string `yaml:"title" json:"title"`
}

// Signature is the signature block: the kommunedirektør or rådmann, and
// optionally a second person. Electronic letters carry the line that they
// are approved electronically and have no signature.
type Signature struct {
	Name       string  `yaml:"name" json:"name"`
	Title      string  `yaml:"title" json:"title"`
	Electronic bool    `yaml:"electronic" json:"electronic"`
	AlsoBy     *Signer `yaml:"also_by" json:"also_by,omitempty"`
	// Layout places the second signatory: "beside" the first (the
	// default) or "below" it.
	Layout string `yaml:"layout" json:"layout,omitempty"`
}

// Titles are the section titles, without their numbers.
type Titles struct {
	Intro      string `yaml:"intro" json:"intro"`
	Challenges string `yaml:"challenges" json:"challenges"`
	Budget     string `yaml:"budget" json:"budget"`
	Goals      string `yaml:"goals" json:"goals"`
	Reporting  string `yaml:"reporting" json:"reporting"`
}

// maxConfig and maxLogo bound what ParseConfig reads.
const (
	maxConfig = 256 << 10
	maxLogo   = 2 << 20
)

// DefaultConfig is the configuration when none is given: the municipality
// named name, a subject "Oppdragsbrev YEAR – helseutjevning", approved
// electronically by the kommunedirektør, and the wheel's virksomhetsledere
// as the role whose deadlines concern every unit.
func DefaultConfig(name string) *Config {
	c := &Config{}
	c.Municipality.Name = name
	c.Signature.Electronic = true
	c.fill()
	return c
}

func (c *Config) fill() {
	if c.Municipality.Sender == "" {
		c.Municipality.Sender = "Kommunedirektøren"
	}
	if c.Subject.NB == "" {
		c.Subject.NB = "Oppdragsbrev {{.Year}} – helseutjevning"
	}
	if c.Subject.NN == "" {
		c.Subject.NN = "Oppdragsbrev {{.Year}} – helseutjamning"
	}
	if c.Signature.Title == "" {
		c.Signature.Title = "kommunedirektør"
	}
	if c.ReportingRoles == nil {
		c.ReportingRoles = []string{"virksomhetsledere"}
	}
}

// ParseConfig reads a configuration from YAML, strictly: an unknown key, a
// value of the wrong type, a missing municipality name, a template that
// does not parse or a logo that cannot be read is an EINVALID error naming
// path. The logo's path is taken relative to dir.
func ParseConfig(path string, data []byte, dir string) (*Config, error) {
	if len(data) > maxConfig {
		return nil, budget.Errorf(budget.EINVALID, "%s is larger than %d bytes: is it really a letter configuration?", path, maxConfig)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c Config
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return nil, budget.Errorf(budget.EINVALID, "letter configuration %s: %v; see templates/sample/brev.yaml for the keys", path, err)
	}
	if strings.TrimSpace(c.Municipality.Name) == "" {
		return nil, budget.Errorf(budget.EINVALID, "letter configuration %s: municipality.name is missing: give the municipality's name", path)
	}
	c.fill()
	for _, t := range []struct{ what, text string }{{"subject.nb", c.Subject.NB}, {"subject.nn", c.Subject.NN},
		{"references.our_ref", c.References.OurRef}} {
		if _, err := template.New(t.what).Option("missingkey=error").Parse(t.text); err != nil {
			return nil, budget.Errorf(budget.EINVALID, "letter configuration %s: %s: %v", path, t.what, err)
		}
	}
	switch c.Signature.Layout {
	case "", "beside", "below":
	default:
		return nil, budget.Errorf(budget.EINVALID, "letter configuration %s: signature.layout %q: use beside or below", path, c.Signature.Layout)
	}
	if c.Municipality.Logo != "" {
		p := c.Municipality.Logo
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, p)
		}
		data, err := readLimited(p, maxLogo)
		if err != nil {
			return nil, budget.Errorf(budget.EINVALID, "letter configuration %s: logo: %v", path, err)
		}
		switch {
		case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
			c.logoKind = "png"
		case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
			c.logoKind = "jpg"
		default:
			return nil, budget.Errorf(budget.EINVALID, "letter configuration %s: logo %s is neither PNG nor JPEG: save it as PNG", path, c.Municipality.Logo)
		}
		c.logo = data
	}
	return &c, nil
}

// Missing names what a letter that is sent must have and the
// configuration lacks: "Vår ref. (references.our_ref)", "Saksbehandler
// (references.case_officer)", "the signatory (signature.name)".
func (c *Config) Missing() []string {
	var out []string
	for _, f := range []struct{ what, v string }{
		{"Vår ref. (references.our_ref)", c.References.OurRef},
		{"Saksbehandler (references.case_officer)", c.References.CaseOfficer},
		{"the signatory (signature.name)", c.Signature.Name},
	} {
		if strings.TrimSpace(f.v) == "" {
			out = append(out, f.what)
		}
	}
	return out
}

// LoadConfig reads the configuration file at path.
func LoadConfig(path string) (*Config, error) {
	data, err := readLimited(path, maxConfig)
	if err != nil {
		return nil, budget.Errorf(budget.EINVALID, "letter configuration: %v", err)
	}
	return ParseConfig(path, data, filepath.Dir(path))
}

// readLimited reads a configuration, logo or template file through
// inputfile: regular files only, at most limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	return inputfile.ReadAll(context.Background(), path, path, limit)
}
