package web

import (
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/store"
)

// The evidence page shows a stored article with one figure's sentence
// highlighted (<mark>) and its number emphasised, using the byte offsets
// the pipeline recorded (sentence_span, span). Offsets come from the
// ledger and may be stale or wrong (an older ledger, a bug): each one is
// checked against the text, and a bad one costs its highlight, never the
// page.

// textPiece is a run of article text: plain, or a figure's number.
type textPiece struct {
	Text     string
	Figure   bool
	Selected bool
	Href     string
}

type documentData struct {
	ID, Title, Publisher, Published, Language string
	Status                                    string
	Link                                      string // the original URL, when it is http or https
	RawURL                                    string // the URL as stored, shown as text
	DuplicateOf                               string
	Notice                                    string
	Selected                                  *figureRow
	Highlighted                               bool
	Before, Sentence, After                   []textPiece
	Figures                                   []documentFigure
}

type documentFigure struct {
	figureRow
	Start    int
	Selected bool
}

// GET /documents/{id...}?figure=START
func (s *Server) pageDocument(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	doc, rows, err := s.opt.Ledger.Document(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.pageError(w, r, http.StatusNotFound, fmt.Sprintf("The ledger has no document %q.", id))
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	sel := -1
	if v := r.URL.Query().Get("figure"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			s.pageError(w, r, http.StatusBadRequest, fmt.Sprintf("figure=%q: want the byte offset a figure starts at, e.g. figure=120", v))
			return
		}
		sel = n
	}
	d := documentData{ID: doc.ID, Title: doc.Title, Publisher: doc.Publisher, Published: doc.Published,
		Language: doc.Language, Status: doc.Status.String(), Link: safeURL(doc.URL), RawURL: doc.URL,
		DuplicateOf: doc.DuplicateOf}
	if d.Title == "" {
		d.Title = doc.ID
	}
	var selected *store.Row
	for i := range rows {
		df := documentFigure{figureRow: newFigureRow(&rows[i]), Start: rows[i].Span[0]}
		if sel >= 0 && rows[i].Span[0] == sel && selected == nil {
			selected, df.Selected = &rows[i], true
			fr := df.figureRow
			d.Selected = &fr
		}
		d.Figures = append(d.Figures, df)
	}
	if sel >= 0 && selected == nil {
		d.Notice = fmt.Sprintf("No figure starts at offset %d in this article; it is shown whole.", sel)
	}
	d.Before, d.Sentence, d.After, d.Highlighted = segment(doc.Text, doc.ID, rows, selected)
	if selected != nil && !d.Highlighted {
		d.Notice = "The figure's position in the stored text is not known, so its sentence is not highlighted; the sentence reads: " + selected.Sentence
	}
	s.render(w, r, http.StatusOK, "document", pageData{Title: d.Title, Data: d})
}

// validSpan reports whether [a, b) is a non-empty range of text on
// character boundaries.
func validSpan(text string, a, b int) bool {
	return 0 <= a && a < b && b <= len(text) && utf8.RuneStart(text[a]) && (b == len(text) || utf8.RuneStart(text[b]))
}

// segment cuts the text into what comes before the selected sentence, the
// sentence, and what follows; every figure number becomes a piece linking
// to its own evidence view. ok is false when the selected figure could
// not be placed.
func segment(text, doc string, rows []store.Row, selected *store.Row) (before, sentence, after []textPiece, ok bool) {
	type span struct{ a, b int }
	var figs []span
	for i := range rows {
		if a, b := rows[i].Span[0], rows[i].Span[1]; validSpan(text, a, b) {
			figs = append(figs, span{a, b})
		}
	}
	sort.Slice(figs, func(i, j int) bool { return figs[i].a < figs[j].a })
	// Overlapping spans cannot both be links; keep the first.
	kept := figs[:0]
	for _, f := range figs {
		if len(kept) > 0 && f.a < kept[len(kept)-1].b {
			continue // overlaps, or repeats, the previous one
		}
		kept = append(kept, f)
	}
	figs = kept

	ss, se := -1, -1
	selStart := -1
	if selected != nil {
		a, b := selected.Span[0], selected.Span[1]
		sa, sb := selected.SentenceSpan[0], selected.SentenceSpan[1]
		switch {
		case validSpan(text, sa, sb) && validSpan(text, a, b) && sa <= a && b <= sb:
			ss, se = sa, sb
		case selected.Sentence != "" && strings.Contains(text, selected.Sentence):
			i := strings.Index(text, selected.Sentence)
			ss, se = i, i+len(selected.Sentence)
		case validSpan(text, a, b):
			ss, se = a, b
		}
		if validSpan(text, a, b) {
			selStart = a
		}
		// A figure straddling the sentence's edge would break the
		// nesting of <mark>; it loses its link.
		kept := figs[:0]
		for _, f := range figs {
			if ss < 0 || f.b <= ss || f.a >= se || (f.a >= ss && f.b <= se) {
				kept = append(kept, f)
			}
		}
		figs = kept
	}

	pieces := func(lo, hi int) []textPiece {
		var out []textPiece
		at := lo
		for _, f := range figs {
			if f.b <= lo || f.a >= hi {
				continue
			}
			if f.a > at {
				out = append(out, textPiece{Text: text[at:f.a]})
			}
			out = append(out, textPiece{Text: text[f.a:f.b], Figure: true, Selected: f.a == selStart,
				Href: evidencePath(doc, f.a)})
			at = f.b
		}
		if at < hi {
			out = append(out, textPiece{Text: text[at:hi]})
		}
		return out
	}
	if ss < 0 {
		return pieces(0, len(text)), nil, nil, false
	}
	return pieces(0, ss), pieces(ss, se), pieces(se, len(text)), true
}
