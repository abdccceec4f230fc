// Package pipeline wires tally's extraction stages together: text →
// sentences → figure mentions → attribution → figure claims.
package pipeline

import (
	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/figures"
	"github.com/tally-news/tally/internal/sentences"
	"github.com/tally-news/tally/internal/tokens"
)

// Extract returns every figure claim in doc, in text order.
func Extract(doc claim.Document) []claim.Figure {
	var out []claim.Figure
	text := doc.Text
	var ctx figures.Context
	for _, s := range sentences.Split(text, 0, len(text)) {
		toks := tokens.Tokenize(text, s.Start, s.End)
		for _, m := range figures.Find(toks, &ctx) {
			f := claim.Figure{
				Doc:          doc.ID,
				Sentence:     text[s.Start:s.End],
				SentenceSpan: [2]int{s.Start, s.End},
				Span:         [2]int{m.Start, m.End},
				NumberText:   text[m.Start:m.End],
				Qualifier:    m.Qualifier,
				Measure:      m.Measure,
				Source:       claim.Publisher,
			}
			if m.HasValue {
				f.Value = ptr(m.Value)
			}
			if m.HasLow {
				f.Low = ptr(m.Low)
			}
			if m.HasHigh {
				f.High = ptr(m.High)
			}
			if m.SubjFirst <= m.SubjLast {
				f.Subject = text[toks[m.SubjFirst].Start:toks[m.SubjLast].End]
			}
			out = append(out, f)
		}
	}
	return out
}

func ptr[T any](v T) *T { return &v }
