package tagged

import (
	"bytes"
	"crypto/md5"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf16"
)

// Options are the document-wide settings Finish writes.
type Options struct {
	// Lang is the document's natural language (BCP 47, "nb-NO"); required.
	Lang string
	// PDFA, when set, makes the document declare PDF/A-2 (see PDFA).
	PDFA *PDFA
}

// Output closes the fpdf document, appends the update Finish makes and
// writes the whole to w.
func (t *Tagger) Output(w io.Writer, opt Options) error {
	var buf bytes.Buffer
	if err := t.pdf.Output(&buf); err != nil {
		return fmt.Errorf("tagged: %w", err)
	}
	out, err := t.Finish(buf.Bytes(), opt)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// Finish returns orig (the bytes fpdf wrote for the tagged document)
// followed by an incremental update that adds the structure tree and the
// catalog and page entries of a tagged PDF. It refuses a tree with a Figure
// lacking alternative text, a TH lacking a scope, an unknown structure
// type, or marked content left open.
func (t *Tagger) Finish(orig []byte, opt Options) ([]byte, error) {
	if t.st != none {
		return nil, errors.New("tagged: marked content still open when the document was closed")
	}
	if opt.Lang == "" {
		return nil, errors.New("tagged: Options.Lang is required")
	}
	if err := check(t.root); err != nil {
		return nil, err
	}
	f, err := parse(orig)
	if err != nil {
		return nil, fmt.Errorf("tagged: read fpdf's output: %w", err)
	}
	w := &writer{f: f, next: f.size}
	w.buf.Write(orig)
	if len(orig) > 0 && orig[len(orig)-1] != '\n' {
		w.buf.WriteByte('\n')
	}
	if err := w.update(t, opt); err != nil {
		return nil, fmt.Errorf("tagged: %w", err)
	}
	return w.buf.Bytes(), nil
}

var known = map[string]bool{}

func init() {
	for _, s := range []string{Document, Sect, H1, H2, H3, P, L, LI, Lbl, LBody, Table, THead, TBody, TR, TH, TD, Figure, Caption,
		"Part", "Art", "Div", "BlockQuote", TOC, TOCI, "Index", "H", "H4", "H5", "H6", "TFoot", "Span", "Quote", "Note",
		"Reference", "Code", "Link", "Formula", "Form"} {
		known[s] = true
	}
}

// check validates the tree before anything is written.
func check(e *Element) error {
	if !known[e.Type] {
		return fmt.Errorf("tagged: unknown structure type %q", e.Type)
	}
	if e.Type == Figure && strings.TrimSpace(e.Alt) == "" {
		return errors.New("tagged: a Figure has no alternative text")
	}
	if e.Type == TH && e.Scope != ScopeColumn && e.Scope != ScopeRow && e.Scope != ScopeBoth {
		return fmt.Errorf("tagged: a TH has scope %q (want Column, Row or Both)", e.Scope)
	}
	for _, k := range e.kids {
		if k.elem != nil {
			if err := check(k.elem); err != nil {
				return err
			}
		}
	}
	return nil
}

// writer appends objects and remembers their offsets.
type writer struct {
	f       *file
	buf     bytes.Buffer
	next    int         // next free object number
	offsets map[int]int // objects written in this update
}

func (w *writer) alloc() int { w.next++; return w.next - 1 }

func (w *writer) obj(n int, body string) {
	if w.offsets == nil {
		w.offsets = map[int]int{}
	}
	w.offsets[n] = w.buf.Len()
	fmt.Fprintf(&w.buf, "%d 0 obj\n%s\nendobj\n", n, body)
}

func (w *writer) stream(n int, dict string, data []byte) {
	w.obj(n, fmt.Sprintf("<<%s /Length %d>>\nstream\n%s\nendstream", dict, len(data), data))
}

// rewrite writes dictionary object n again with its entries, minus those
// named in drop, plus extra.
func (w *writer) rewrite(n int, es []entry, drop map[string]bool, extra string) {
	var b strings.Builder
	b.WriteString("<<")
	for _, e := range es {
		if drop[e.key] {
			continue
		}
		fmt.Fprintf(&b, "/%s %s\n", e.key, e.val)
	}
	b.WriteString(extra)
	b.WriteString(">>")
	w.obj(n, b.String())
}

func (w *writer) update(t *Tagger, opt Options) error {
	f := w.f
	rootN, err := ref(get(f.trailer, "Root"))
	if err != nil {
		return fmt.Errorf("trailer /Root: %v", err)
	}
	cat, err := f.object(rootN)
	if err != nil {
		return err
	}
	pagesN, err := ref(get(cat, "Pages"))
	if err != nil {
		return fmt.Errorf("catalog /Pages: %v", err)
	}
	pagesDict, err := f.object(pagesN)
	if err != nil {
		return err
	}
	pageObjs, err := refs(get(pagesDict, "Kids"))
	if err != nil {
		return fmt.Errorf("page tree /Kids: %v", err)
	}
	for pg := range t.pages {
		if pg > len(pageObjs) {
			return fmt.Errorf("content marked on page %d of %d", pg, len(pageObjs))
		}
	}

	// Numbers: the tree root, the parent tree, then the elements in reading order.
	treeN, parentTreeN := w.alloc(), w.alloc()
	nums := map[*Element]int{}
	var order []*Element
	var walk func(e *Element)
	walk = func(e *Element) {
		nums[e] = w.alloc()
		order = append(order, e)
		for _, k := range e.kids {
			if k.elem != nil {
				walk(k.elem)
			}
		}
	}
	walk(t.root)

	// Annotations claimed by elements: written as objects of their own with
	// /StructParent, numbered after the pages in the parent tree.
	type claim struct {
		k     kid
		owner *Element
	}
	claimed := map[[2]int]claim{} // (page, annotation) → who claims it
	for _, e := range order {
		for _, k := range e.kids {
			if k.annot > 0 {
				claimed[[2]int{k.page, k.annot}] = claim{k, e}
			}
		}
	}
	annotObj := map[[2]int]int{}     // (page, annotation) → object number
	annotOwner := map[int]*Element{} // parent-tree key → element
	annotKey := len(pageObjs)        // the next parent-tree key

	// Pages: /StructParents is the page's index in the parent tree.
	for i, n := range pageObjs {
		es, err := f.object(n)
		if err != nil {
			return err
		}
		if string(get(es, "Type")) != "/Page" {
			return fmt.Errorf("object %d in /Kids is not a page (nested page trees are not supported)", n)
		}
		for j := range es {
			if es[j].key != "Annots" {
				continue
			}
			// PDF/A: every annotation is printed (/F 4, the Print flag);
			// fpdf writes its links without flags.
			dicts, err := annotations(es[j].val)
			if err != nil {
				return fmt.Errorf("page %d /Annots: %v", i+1, err)
			}
			if _, any := claimed[[2]int{i + 1, 1}]; !any {
				es[j].val = bytes.ReplaceAll(es[j].val, []byte("/Subtype /Link"), []byte("/Subtype /Link /F 4"))
				continue
			}
			var arr strings.Builder
			arr.WriteString("[")
			for a, d := range dicts {
				at := [2]int{i + 1, a + 1}
				c, ok := claimed[at]
				if !ok {
					return fmt.Errorf("page %d: annotation %d of %d is not claimed by an element", i+1, a+1, len(dicts))
				}
				on := w.alloc()
				annotObj[at], annotOwner[annotKey] = on, c.owner
				body := strings.TrimSuffix(strings.TrimSpace(string(d)), ">>")
				w.obj(on, fmt.Sprintf("%s /F 4 /StructParent %d /Contents %s>>", body, annotKey, textString(c.k.text)))
				annotKey++
				if a > 0 {
					arr.WriteByte(' ')
				}
				fmt.Fprintf(&arr, "%d 0 R", on)
			}
			arr.WriteString("]")
			es[j].val = []byte(arr.String())
			if _, extra := claimed[[2]int{i + 1, len(dicts) + 1}]; extra {
				return fmt.Errorf("page %d: more annotations claimed than the page's %d", i+1, len(dicts))
			}
		}
		w.rewrite(n, es, map[string]bool{"StructParents": true, "Tabs": true}, fmt.Sprintf("/StructParents %d /Tabs /S", i))
	}

	// The structure elements.
	for _, e := range order {
		w.obj(nums[e], elementDict(e, nums, pageObjs, treeN, annotObj))
	}
	w.obj(treeN, fmt.Sprintf("<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>",
		nums[t.root], parentTreeN, annotKey))
	var pt strings.Builder
	pt.WriteString("<</Nums [")
	for i := range pageObjs {
		fmt.Fprintf(&pt, "\n%d [", i)
		for j, e := range t.pages[i+1] {
			if j > 0 {
				pt.WriteByte(' ')
			}
			fmt.Fprintf(&pt, "%d 0 R", nums[e])
		}
		pt.WriteString("]")
	}
	for key := len(pageObjs); key < annotKey; key++ {
		fmt.Fprintf(&pt, "\n%d %d 0 R", key, nums[annotOwner[key]])
	}
	pt.WriteString("]>>")
	w.obj(parentTreeN, pt.String())

	// PDF/A: metadata, output intent and a new Info dictionary.
	extra := fmt.Sprintf("/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n/Lang %s\n/ViewerPreferences <</DisplayDocTitle true>>\n/Version /1.7\n",
		treeN, textString(opt.Lang))
	if opt.PDFA != nil {
		infoN, err := ref(get(f.trailer, "Info"))
		if err != nil {
			return fmt.Errorf("trailer /Info: %v", err)
		}
		more, err := w.pdfa(opt, infoN)
		if err != nil {
			return err
		}
		extra += more
	}
	w.rewrite(rootN, cat, map[string]bool{"MarkInfo": true, "StructTreeRoot": true, "Lang": true,
		"ViewerPreferences": true, "Version": true, "Metadata": true, "OutputIntents": true}, extra)
	w.xref(rootN)
	return nil
}

// elementDict is the dictionary of structure element e.
func elementDict(e *Element, nums map[*Element]int, pageObjs []int, treeN int, annotObj map[[2]int]int) string {
	var b strings.Builder
	parent := treeN
	if e.parent != nil {
		parent = nums[e.parent]
	}
	fmt.Fprintf(&b, "<</Type /StructElem /S /%s /P %d 0 R", e.Type, parent)
	pg := 0 // the page of the element's first marked content: its /Pg
	for _, k := range e.kids {
		if k.elem == nil && k.annot == 0 {
			pg = k.page
			break
		}
	}
	if pg > 0 {
		fmt.Fprintf(&b, " /Pg %d 0 R", pageObjs[pg-1])
	}
	if len(e.kids) > 0 {
		b.WriteString(" /K [")
		for i, k := range e.kids {
			if i > 0 {
				b.WriteByte(' ')
			}
			switch {
			case k.elem != nil:
				fmt.Fprintf(&b, "%d 0 R", nums[k.elem])
			case k.annot > 0:
				fmt.Fprintf(&b, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", annotObj[[2]int{k.page, k.annot}], pageObjs[k.page-1])
			case k.page == pg:
				fmt.Fprintf(&b, "%d", k.mcid)
			default:
				fmt.Fprintf(&b, "<</Type /MCR /Pg %d 0 R /MCID %d>>", pageObjs[k.page-1], k.mcid)
			}
		}
		b.WriteString("]")
	}
	if e.Alt != "" {
		fmt.Fprintf(&b, " /Alt %s", textString(e.Alt))
	}
	if e.Lang != "" {
		fmt.Fprintf(&b, " /Lang %s", textString(e.Lang))
	}
	if e.Type == TH {
		fmt.Fprintf(&b, " /A <</O /Table /Scope /%s>>", e.Scope)
	}
	b.WriteString(">>")
	return b.String()
}

// annotations splits an /Annots array of direct dictionaries (as fpdf
// writes it) into the dictionaries' bytes.
func annotations(arr []byte) ([][]byte, error) {
	i := skip(arr, 0)
	if i >= len(arr) || arr[i] != '[' {
		return nil, fmt.Errorf("not an array")
	}
	var out [][]byte
	for i = skip(arr, i+1); i < len(arr) && arr[i] != ']'; i = skip(arr, i) {
		if !bytes.HasPrefix(arr[i:], []byte("<<")) {
			return nil, fmt.Errorf("an annotation that is not a direct dictionary at offset %d", i)
		}
		end, err := value(arr, i)
		if err != nil {
			return nil, err
		}
		out = append(out, arr[i:end])
		i = end
	}
	return out, nil
}

// xref writes the cross-reference section of the update and its trailer.
func (w *writer) xref(rootN int) {
	var ns []int
	for n := range w.offsets {
		ns = append(ns, n)
	}
	sort.Ints(ns)
	at := w.buf.Len()
	w.buf.WriteString("xref\n")
	for i := 0; i < len(ns); {
		j := i + 1
		for j < len(ns) && ns[j] == ns[j-1]+1 {
			j++
		}
		fmt.Fprintf(&w.buf, "%d %d\n", ns[i], j-i)
		for _, n := range ns[i:j] {
			fmt.Fprintf(&w.buf, "%010d 00000 n \n", w.offsets[n])
		}
		i = j
	}
	// The file identifier: fpdf writes none; PDF/A requires one. A digest of
	// the original bytes keeps the output deterministic.
	id := md5.Sum(w.f.b)
	fmt.Fprintf(&w.buf, "trailer\n<</Size %d /Root %d 0 R", w.next, rootN)
	if v := get(w.f.trailer, "Info"); v != nil {
		fmt.Fprintf(&w.buf, " /Info %s", v)
	}
	fmt.Fprintf(&w.buf, " /Prev %d /ID [<%x> <%x>]>>\nstartxref\n%d\n%%%%EOF\n", w.f.xref, id, id, at)
}

// textString encodes s as a PDF text string: a literal string when it is
// printable ASCII, else UTF-16BE with a byte order mark, in hex.
func textString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
