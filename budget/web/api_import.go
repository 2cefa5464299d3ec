package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/budgetfile"
	"github.com/helsebudsjett/helsebudsjett/budget/importer"
)

// BudgetImports imports a budget or accounts file as `import budget` does
// (budget/importer.Run on the workspace), in one transaction.
type BudgetImports interface {
	ImportBudget(ctx context.Context, path string, opts importer.Options) (*importer.Report, error)
}

// DefaultMaxUpload bounds an uploaded file when App.MaxUpload is zero: far
// above a municipality's budget export (a million lines of CSV is about
// 60 MB), far below what would strain the server.
const DefaultMaxUpload = 256 << 20

func (a *App) maxUpload() int64 {
	if a.MaxUpload > 0 {
		return a.MaxUpload
	}
	return DefaultMaxUpload
}

// apiImportBudget is POST /api/v1/import/budget: a multipart form with
// file, year, version, part, sheet, empty_amount and dry_run, answered
// with the outcome `import budget --json` prints (200 when imported,
// unchanged or a dry run; 422 when rows were refused, nothing stored). The
// file is streamed to a temporary file, never held in memory whole; one
// larger than the limit is refused with 413 and nothing stored.
func (a *App) apiImportBudget(w http.ResponseWriter, r *http.Request) {
	if a.Imports == nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", "the workspace is not open to imports")
		return
	}
	form, path, name, done, ok := a.apiUpload(w, r)
	if !ok {
		return
	}
	defer done()
	opts, err := budgetOptions(form)
	if err != nil {
		writeError(w, http.StatusBadRequest, "invalid", err.Error())
		return
	}
	opts.Name, opts.MaxSize = name, a.maxUpload()
	rep, err := a.Imports.ImportBudget(r.Context(), path, opts)
	if err != nil {
		status, msg := importFailure(err)
		writeJSON(w, status, importer.Failed(name, errors.New(msg)))
		return
	}
	if rep.Status == importer.Imported {
		detail := fmt.Sprintf("budget %s sha256 %s dataset %d", name, rep.Result.SHA256, rep.Dataset.ID)
		if err := access.Record(r.Context(), a.Store, a.now(), access.ActionImport, detail); err != nil {
			writeError(w, http.StatusInternalServerError, "internal", "internal error")
			return
		}
	}
	status := http.StatusOK
	if rep.Status == importer.Rejected {
		status = http.StatusUnprocessableEntity
	}
	writeJSON(w, status, rep.Outcome())
}

// importFailure is the HTTP status and the message of an import the API
// could not carry out: the user's input refused 422, something named that
// does not exist 404, anything else 500 without its details.
func importFailure(err error) (int, string) {
	switch budget.ErrorCode(err) {
	case budget.EINVALID, budget.EMISSING:
		return http.StatusUnprocessableEntity, budget.ErrorMessage(err)
	case budget.ENOTFOUND:
		return http.StatusNotFound, budget.ErrorMessage(err)
	}
	return http.StatusInternalServerError, "internal error"
}

// apiUpload streams an API upload to a temporary folder (removed by done)
// and returns its form fields, the file's path and name; a body over the
// limit is answered 413 and a malformed one 400, and ok is false.
func (a *App) apiUpload(w http.ResponseWriter, r *http.Request) (form map[string]string, path, name string, done func(), ok bool) {
	allowSlow(w)                                                 // a large file over a slow network, then its import
	r.Body = http.MaxBytesReader(w, r.Body, a.maxUpload()+1<<20) // the form's other fields besides the file
	dir, err := os.MkdirTemp("", "helsebudsjett-upload-")
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", "internal error")
		return nil, "", "", nil, false
	}
	done = func() { os.RemoveAll(dir) }
	form, path, name, err = a.readUpload(r, dir)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the upload is larger than %d MB; nothing was stored", a.maxUpload()>>20))
	case err != nil:
		writeError(w, http.StatusBadRequest, "invalid", err.Error())
	default:
		return form, path, name, done, true
	}
	done()
	return nil, "", "", nil, false
}

// readUpload reads the multipart form, streaming its file part into dir
// under its own base name (the extension tells the format), and returns
// the other fields.
func (a *App) readUpload(r *http.Request, dir string) (map[string]string, string, string, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, "", "", fieldErr("send a multipart/form-data body with the fields file, year, version, part and dry_run",
			"Skjemaet kom ikke fram som en filopplasting. Last siden på nytt og prøv igjen. Ingenting er lagret.", "Skjemaet kom ikkje fram som ei filopplasting. Last sida på nytt og prøv igjen. Ingenting er lagra.")
	}
	form := map[string]string{}
	var path, name string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", "", err
		}
		if p.FormName() == "file" {
			if path != "" {
				return nil, "", "", fieldErr("send one file", "Velg én fil. Ingenting er lagret.", "Vel éi fil. Ingenting er lagra.")
			}
			if path, name, err = saveUpload(p, dir); err != nil {
				return nil, "", "", err
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(p, 4096))
		if err != nil {
			return nil, "", "", err
		}
		if v := strings.TrimSpace(string(b)); form[p.FormName()] != "" {
			form[p.FormName()] += "\n" + v // a repeated field (where=…) is read one per line
		} else {
			form[p.FormName()] = v
		}
	}
	if path == "" {
		return nil, "", "", fieldErr("field file: no file was sent", "Ingen fil ble sendt: velg fila og prøv igjen. Ingenting er lagret.", "Inga fil vart send: vel fila og prøv igjen. Ingenting er lagra.")
	}
	return form, path, name, nil
}

func saveUpload(p *multipart.Part, dir string) (string, string, error) {
	name := filepath.Base(strings.ReplaceAll(p.FileName(), `\`, "/"))
	if name == "." || name == "/" || name == "" {
		return "", "", fieldErr("field file: give the file's name", "Fila har ikke noe navn: velg fila på nytt. Ingenting er lagret.", "Fila har ikkje noko namn: vel fila på nytt. Ingenting er lagra.")
	}
	path := filepath.Join(dir, name)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", "", err
	}
	if _, err := io.Copy(f, p); err != nil {
		f.Close()
		return "", "", err
	}
	return path, name, f.Close()
}

// fieldError is a refusal of the upload's form: its Error is the API's
// English, nb and nn are the upload page's words for it (uploadError).
type fieldError struct{ en, nb, nn string }

func (e *fieldError) Error() string { return e.en }

func fieldErr(en, nb, nn string) error { return &fieldError{en, nb, nn} }

// budgetOptions reads the import's options from the form, with the CLI's
// defaults (version vedtatt, the part from the file).
func budgetOptions(form map[string]string) (importer.Options, error) {
	var o importer.Options
	if s := form["year"]; s != "" {
		y, err := strconv.Atoi(s)
		if err != nil {
			return o, fieldErr(fmt.Sprintf("field year: %q is not a year", s), fmt.Sprintf("Året %q er ikke et årstall: skriv for eksempel 2027. Ingenting er lagret.", s), fmt.Sprintf("Året %q er ikkje eit årstal: skriv til dømes 2027. Ingenting er lagra.", s))
		}
		o.Year = y
	}
	o.Version = budget.Vedtatt
	if s := form["version"]; s != "" {
		v, err := budget.ParseVersion(s)
		if err != nil {
			return o, fieldErr(fmt.Sprintf("field version: %v", err), fmt.Sprintf("Versjonen %q finnes ikke: velg forslag, vedtatt, revidert eller regnskap. Ingenting er lagret.", s), fmt.Sprintf("Versjonen %q finst ikkje: vel forslag, vedteke, revidert eller rekneskap. Ingenting er lagra.", s))
		}
		o.Version = v
	}
	if s := form["part"]; s != "" {
		p, err := budget.ParsePart(s)
		if err != nil {
			return o, fieldErr(fmt.Sprintf("field part: %v", err), fmt.Sprintf("Delen %q finnes ikke: velg drift, investering eller begge. Ingenting er lagret.", s), fmt.Sprintf("Delen %q finst ikkje: vel drift, investering eller begge. Ingenting er lagra.", s))
		}
		o.Part = p
	}
	o.Sheet = form["sheet"]
	switch s := form["empty_amount"]; s {
	case "", budgetfile.EmptyZero, budgetfile.EmptySkip:
		o.EmptyAmount = s
	default:
		return o, fieldErr(fmt.Sprintf("field empty_amount: %q, use zero or skip", s), fmt.Sprintf("Valget for tomme beløp %q finnes ikke: bruk zero eller skip. Ingenting er lagret.", s), fmt.Sprintf("Valet for tomme beløp %q finst ikkje: bruk zero eller skip. Ingenting er lagra.", s))
	}
	switch s := form["dry_run"]; s {
	case "", "0", "false":
	case "1", "true", "on":
		o.DryRun = true
	default:
		return o, fieldErr(fmt.Sprintf("field dry_run: %q, use 1 or 0", s), fmt.Sprintf("Valget for prøveimport %q finnes ikke: bruk 1 eller 0. Ingenting er lagret.", s), fmt.Sprintf("Valet for prøveimport %q finst ikkje: bruk 1 eller 0. Ingenting er lagra.", s))
	}
	return o, nil
}
