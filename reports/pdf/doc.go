// Package pdf is the module's PDF typography, shared by the documents it
// writes for municipal staff and the council (the oppdragsbrev and the
// annual report): A4 pages with margins fit for a window envelope, embedded
// DejaVu fonts that cover Norwegian, headings with bookmarks, wrapped
// paragraphs, tables that break across pages with their header repeated,
// key-value blocks, page numbers "Side 1 av 3", and amounts written
// "1 234 567 kr" with non-breaking spaces.
//
// Output is deterministic: the same calls with the same Meta give the same
// bytes (fixed creation date, sorted catalogues, no random ids). Text that
// the fonts cannot draw is replaced (see Clean), so no input breaks a
// document. Errors inside the PDF writer are collected and returned by
// Output and Err.
//
// The package knows nothing of budgets or letters.
package pdf
