package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/helsebudsjett/helsebudsjett/budget"
)

const (
	// batchRows is how many entries one INSERT writes. modernc has a fixed
	// cost per statement execution (Go↔C transitions, argument conversion,
	// a context watcher goroutine), so rows go in batches. Measured on 1M
	// lines, 64, 256 and 1024 rows per batch run equally fast: what remains
	// is the binding of each parameter (a mutex and, for text, a C string
	// per value), which batching cannot remove.
	batchRows = 256
	// entryParams is the number of bound parameters per entry row.
	entryParams = 11
	// cancelEvery is how many lines Add takes between checks of the
	// context: often enough to stop within milliseconds, rarely enough to
	// cost nothing.
	cancelEvery = 4096
)

// Import is one dataset being written: a single write transaction that
// Commit makes visible as a whole and anything else (Rollback, an error, a
// cancelled context, the process dying) leaves as if it never began.
// An Import is not safe for concurrent use.
type Import struct {
	now   func() time.Time
	ctx   context.Context
	tx    *sql.Tx
	id    int64
	first int64 // entry.id of the first entry this import writes

	batch *sql.Stmt // INSERT of batchRows entries
	args  []any     // parameters of the entries not yet written
	rows  int       // entries in args

	attrPos   map[string]int // attribute name → position in attrs
	attrNames []string
	slot      []int // scratch for Add: attribute index by position, -1 for none
	buf       []byte

	lines   int
	entries int64
	lastRow int
	inOrder bool
	sums    map[budget.Key]*budget.BigSum
	sides   sideSums
	version map[budget.Version]any // boxed once, not once per entry

	sha, options string
	replaced     []budget.Replacement

	err  error // the failure that rolled the import back
	done bool  // committed or rolled back
}

var _ budget.DatasetImport = (*Import)(nil)

// errFinished is returned by Add and Commit after Commit or Rollback.
var errFinished = errors.New("workspace: import already committed or rolled back")

// DatasetBySHA256 returns the latest dataset imported from a file with
// this sha256, or nil, nil when there is none.
func (db *DB) DatasetBySHA256(ctx context.Context, sha string) (*budget.Dataset, error) {
	ds, err := db.DatasetsBySHA256(ctx, sha)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	return &ds[len(ds)-1], nil
}

// DatasetsBySHA256 returns every dataset imported from a file with this
// sha256, oldest first: the same bytes imported with other options (as
// vedtatt after forslag, as another part) are several datasets. Callers
// check them before BeginImport so that a re-import with the same options
// is reported, not repeated.
func (db *DB) DatasetsBySHA256(ctx context.Context, sha string) ([]budget.Dataset, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return datasets(ctx, tx, "WHERE sha256 = ?", sha)
}

// BeginImport starts the import of d, of which it stores Source, SHA256,
// Size, Format, Sheet, Mapping and Options. It opens the write transaction,
// which holds the workspace's write lock until Commit or Rollback, and ends
// with ctx: a cancelled ctx rolls the import back. Commit refuses, with
// ECONFLICT, a file whose sha256 is stored already with the same Options
// and Part. The import it returns is an *Import.
func (db *DB) BeginImport(ctx context.Context, d budget.Dataset) (budget.DatasetImport, error) {
	if d.SHA256 == "" {
		return nil, budget.Errorf(budget.EINVALID, "import of %s: no sha256 given", d.Source)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin import of %s: %w", d.Source, err)
	}
	im := &Import{ctx: ctx, tx: tx, now: db.Now, inOrder: true, attrPos: map[string]int{},
		sums: map[budget.Key]*budget.BigSum{}, sides: sideSums{}, version: map[budget.Version]any{}}
	if err := im.begin(d); err != nil {
		tx.Rollback()
		return nil, err
	}
	return im, nil
}

func (im *Import) begin(d budget.Dataset) error {
	ctx, tx := im.ctx, im.tx
	im.sha, im.options = d.SHA256, d.Options
	// The transaction holds the write lock (BEGIN IMMEDIATE), so the ids
	// after the largest one are ours and our entries are consecutive.
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) + 1 FROM entry").Scan(&im.first); err != nil {
		return fmt.Errorf("begin import of %s: %w", d.Source, err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO dataset (source, sha256, size, format, sheet, mapping, options,
		first_entry, last_entry, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.Source, d.SHA256, d.Size, d.Format, d.Sheet, d.Mapping, d.Options, im.first, im.first-1, formatTime(im.now()))
	if err != nil {
		return fmt.Errorf("begin import of %s: %w", d.Source, err)
	}
	if im.id, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("begin import of %s: %w", d.Source, err)
	}
	if im.batch, err = tx.PrepareContext(ctx, insertEntries(im.id, batchRows)); err != nil {
		return fmt.Errorf("begin import of %s: %w", d.Source, err)
	}
	im.args = make([]any, 0, batchRows*entryParams)
	return nil
}

// insertEntries is an INSERT of n entry rows of dataset id. The id is our
// own integer, written inline to spare a parameter per row.
func insertEntries(id int64, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO entry (dataset_id, row, year, version, ansvar, funksjon, tjeneste, art, konto, prosjekt, attrs, ore) VALUES ")
	row := "(" + strconv.FormatInt(id, 10) + strings.Repeat(",?", entryParams) + ")"
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(row)
	}
	return b.String()
}

// Add writes one line: an entry for each of its amounts. Lines should come
// in source row order, as Lines gives them back in the order added (sorted
// by row if they were not). Add stops with ctx's error once the context
// given to BeginImport is done; any error rolls the import back, and later
// calls return it again.
func (im *Import) Add(l *budget.Line) error {
	if im.err != nil {
		return im.err
	}
	if im.done {
		return errFinished
	}
	im.lines++
	if im.lines%cancelEvery == 0 {
		if err := im.ctx.Err(); err != nil {
			return im.fail(fmt.Errorf("import cancelled: %w", err))
		}
	}
	if l.Row < im.lastRow {
		im.inOrder = false
	}
	im.lastRow = l.Row
	if len(l.Amounts) == 0 {
		return nil
	}
	attrs := im.encodeAttrs(l.Attributes)
	row := int64(l.Row)
	for _, a := range l.Amounts {
		v, ok := im.version[a.Version]
		if !ok {
			if a.Version.Rank() == len(budget.Versions) {
				return im.fail(budget.Errorf(budget.EINVALID, "row %d: unknown budget version %q", l.Row, a.Version))
			}
			v = string(a.Version)
			im.version[a.Version] = v
		}
		s := im.sums[a.Key]
		if s == nil {
			s = new(budget.BigSum)
			im.sums[a.Key] = s
		}
		s.Add(a.Ore)
		im.sides.add(a.Key, l.Art, a.Ore)
		im.args = append(im.args, row, int64(a.Year), v, l.Ansvar, l.Funksjon, l.Tjeneste, l.Art, l.Konto, l.Prosjekt, attrs, a.Ore)
		im.rows++
		if im.rows == batchRows {
			if err := im.flush(); err != nil {
				return err
			}
		}
	}
	return nil
}

// flush writes the buffered entries.
func (im *Import) flush() error {
	if im.rows == 0 {
		return nil
	}
	stmt := im.batch
	if im.rows != batchRows {
		// Only the last, short batch of an import gets here.
		var err error
		if stmt, err = im.tx.PrepareContext(im.ctx, insertEntries(im.id, im.rows)); err != nil {
			return im.fail(fmt.Errorf("import: %w", err))
		}
		defer stmt.Close()
	}
	if _, err := stmt.ExecContext(im.ctx, im.args...); err != nil {
		return im.fail(fmt.Errorf("import: %w", err))
	}
	im.entries += int64(im.rows)
	im.rows = 0
	clear(im.args) // let the strings go
	im.args = im.args[:0]
	return nil
}

// encodeAttrs returns the line's attribute values as the JSON array
// entry.attrs holds (a string, boxed), or nil for SQL NULL when it has none.
// Hand-written because encoding/json would allocate per value.
func (im *Import) encodeAttrs(attrs []budget.Attribute) any {
	if len(attrs) == 0 {
		return nil
	}
	for i := range im.slot {
		im.slot[i] = -1
	}
	last := -1
	for i, a := range attrs {
		pos, ok := im.attrPos[a.Name]
		if !ok {
			pos = len(im.attrNames)
			im.attrPos[a.Name] = pos
			im.attrNames = append(im.attrNames, a.Name)
			im.slot = append(im.slot, -1)
		}
		if im.slot[pos] < 0 { // the first of a repeated name wins, as in Line.Attr
			im.slot[pos] = i
		}
		last = max(last, pos)
	}
	b := append(im.buf[:0], '[')
	for pos := 0; pos <= last; pos++ {
		if pos > 0 {
			b = append(b, ',')
		}
		if i := im.slot[pos]; i >= 0 {
			b = appendJSONString(b, attrs[i].Value)
		} else {
			b = append(b, "null"...)
		}
	}
	b = append(b, ']')
	im.buf = b
	return string(b)
}

// appendJSONString appends s as a JSON string. Invalid UTF-8 becomes U+FFFD,
// as encoding/json does, so SQLite's JSON functions accept every value.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// Commit finishes the import: it stores d's RowsRead, Lines (the number of
// lines added when 0), Skipped, Warnings, Totals, Part and PartReason
// (begge when no part is given) and ImportedAt (now when zero), makes the
// dataset current for every key of its totals and each part it holds (the
// older dataset for that key and part stays in history; see Replaced), and
// commits. It returns the stored dataset, with ID and Current filled.
//
// d.Totals, when given, must match the sums of the amounts added, key by
// key; when empty, the store fills them in, with the utgift and inntekt
// sums always its own. A mismatch is an EINTERNAL error and the import is
// rolled back, so a workspace never holds totals its lines do not add up
// to. A dataset with the same sha256, Options and Part as a stored one is
// an ECONFLICT error.
func (im *Import) Commit(d budget.Dataset) (budget.Dataset, error) {
	if im.err != nil {
		return budget.Dataset{}, im.err
	}
	if im.done {
		return budget.Dataset{}, errFinished
	}
	if err := im.flush(); err != nil {
		return budget.Dataset{}, err
	}
	stored, err := im.commit(d)
	if err != nil {
		return budget.Dataset{}, im.fail(err)
	}
	if err := im.tx.Commit(); err != nil {
		return budget.Dataset{}, im.fail(fmt.Errorf("commit import: %w", err))
	}
	im.done = true
	return stored, nil
}

// Replaced returns, after Commit, the (year, version, part) keys the
// import took over from earlier datasets.
func (im *Import) Replaced() []budget.Replacement { return im.replaced }

func (im *Import) commit(d budget.Dataset) (budget.Dataset, error) {
	ctx, tx := im.ctx, im.tx
	totals, err := im.totals(d.Totals)
	if err != nil {
		return budget.Dataset{}, err
	}
	last := im.first + im.entries - 1
	var maxID int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM entry").Scan(&maxID); err != nil {
		return budget.Dataset{}, err
	}
	if im.entries > 0 && maxID != last {
		return budget.Dataset{}, budget.Errorf(budget.EINTERNAL, "import: entries are %d..%d, expected to end at %d", im.first, maxID, last)
	}
	if d.Lines == 0 {
		d.Lines = im.lines
	}
	if d.ImportedAt.IsZero() {
		d.ImportedAt = im.now()
	}
	if d.Part == "" {
		d.Part = budget.Begge
	}
	if _, err := budget.ParsePart(string(d.Part)); err != nil {
		return budget.Dataset{}, err
	}
	var dup int64
	err = tx.QueryRowContext(ctx, "SELECT id FROM dataset WHERE sha256 = ? AND options = ? AND part = ? AND id <> ?",
		im.sha, im.options, string(d.Part), im.id).Scan(&dup)
	switch {
	case err == nil:
		return budget.Dataset{}, budget.Errorf(budget.ECONFLICT, "the file (sha256 %s) is already imported with the same options, as dataset %d", im.sha, dup)
	case !errors.Is(err, sql.ErrNoRows):
		return budget.Dataset{}, err
	}
	skipped, err := json.Marshal(d.Skipped)
	if err != nil {
		return budget.Dataset{}, err
	}
	if d.Skipped == nil {
		skipped = []byte("{}")
	}
	names, err := json.Marshal(im.attrNames)
	if err != nil {
		return budget.Dataset{}, err
	}
	if im.attrNames == nil {
		names = []byte("[]")
	}
	// Format, sheet and mapping are known only once the file has been read,
	// so Commit may fill in what BeginImport could not.
	_, err = tx.ExecContext(ctx, `UPDATE dataset SET format = coalesce(nullif(?, ''), format),
		sheet = coalesce(nullif(?, ''), sheet), mapping = coalesce(nullif(?, ''), mapping),
		rows_read = ?, lines = ?, skipped = ?, warnings = ?,
		attributes = ?, last_entry = ?, in_row_order = ?, imported_at = ?, part = ?, part_reason = ? WHERE id = ?`,
		d.Format, d.Sheet, d.Mapping,
		d.RowsRead, d.Lines, string(skipped), d.Warnings, string(names), last, im.inOrder,
		formatTime(d.ImportedAt), string(d.Part), d.PartReason, im.id)
	if err != nil {
		return budget.Dataset{}, err
	}
	keys := make([]budget.Key, 0, len(totals))
	for _, t := range totals {
		u, i, ok := im.sides.get(t.Key)
		if !ok {
			return budget.Dataset{}, budget.Errorf(budget.EINVALID, "the amounts for %s add up to more than an int64 of øre", t.Key)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO dataset_total (dataset_id, year, version, ore, utgift_ore, inntekt_ore) VALUES (?, ?, ?, ?, ?, ?)",
			im.id, t.Year, string(t.Version), t.Ore, u, i); err != nil {
			return budget.Dataset{}, err
		}
		keys = append(keys, t.Key)
	}
	if im.replaced, err = makeCurrent(ctx, tx, im.id, d.Part, keys); err != nil {
		return budget.Dataset{}, err
	}
	ds, err := datasets(ctx, tx, "WHERE id = ?", im.id)
	if err != nil {
		return budget.Dataset{}, err
	}
	if len(ds) != 1 {
		return budget.Dataset{}, budget.Errorf(budget.EINTERNAL, "import: dataset %d vanished", im.id)
	}
	return ds[0], nil
}

// totals checks the importer's totals against the sums of the amounts
// added, or returns those sums when the importer gave none.
func (im *Import) totals(given []budget.Total) ([]budget.Total, error) {
	sums := make([]budget.Total, 0, len(im.sums))
	for k, s := range im.sums {
		ore, ok := s.Ore()
		if !ok {
			return nil, budget.Errorf(budget.EINVALID, "the amounts for %s add up to more than an int64 of øre", k)
		}
		sums = append(sums, budget.Total{Key: k, Ore: ore})
	}
	sort.Slice(sums, func(i, j int) bool { return sums[i].Key.Less(sums[j].Key) })
	if len(given) == 0 {
		return sums, nil
	}
	want := map[budget.Key]int64{}
	for _, t := range given {
		if _, dup := want[t.Key]; dup {
			return nil, budget.Errorf(budget.EINTERNAL, "import totals list %s twice", t.Key)
		}
		want[t.Key] = t.Ore
	}
	for _, t := range sums {
		if ore, ok := want[t.Key]; !ok || ore != t.Ore {
			return nil, budget.Errorf(budget.EINTERNAL, "import totals do not match the lines added: %s is %s in the totals, %s in the lines",
				t.Key, budget.FormatOre(ore), budget.FormatOre(t.Ore))
		}
		delete(want, t.Key)
	}
	if len(want) > 0 {
		extra := make([]budget.Key, 0, len(want))
		for k := range want {
			extra = append(extra, k)
		}
		budget.SortKeys(extra)
		return nil, budget.Errorf(budget.EINTERNAL, "import totals list %s, which no line added has an amount for", extra[0])
	}
	return sums, nil
}

// Rollback abandons the import and leaves the workspace as it was. After
// Commit it does nothing and returns nil, so `defer im.Rollback()` is safe.
func (im *Import) Rollback() error {
	if im.done {
		return nil
	}
	im.done = true
	if err := im.tx.Rollback(); err != nil && !errors.Is(err, sql.ErrTxDone) {
		return err
	}
	return nil
}

// fail rolls the import back and makes err its sticky error.
func (im *Import) fail(err error) error {
	// A cancelled context makes database/sql roll the transaction back on
	// its own, so the error a statement then returns ("statement is
	// closed") hides the cause: report the cancellation instead.
	if cerr := im.ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		err = fmt.Errorf("import cancelled: %w", cerr)
	}
	if im.err == nil {
		im.err = err
	}
	im.Rollback()
	return im.err
}

func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
