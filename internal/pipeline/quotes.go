package pipeline

import (
	"slices"
	"strings"

	"github.com/tally-news/tally/internal/attribution"
	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/figures"
	"github.com/tally-news/tally/internal/tokens"
	"github.com/tally-news/tally/internal/tree"
)

// Quotations. A figure inside a quotation is its speaker's, wherever the
// speaker is named: after the quote ('"...," the commander said'),
// before it ('The commander said: "..."'), or in the sentence after a
// quote that fills a sentence of its own. Inside the quote the speaker
// may say "we", "our records" or nothing at all; those figures take the
// speaker.

// quote is a quotation's byte span, with the reporting clause of its
// speaker (token range in its sentence) when one is found.
type quote struct {
	start, end int
	sent       int // sentence holding the speaker's clause, -1 if none
	clause     attribution.Clause
}

// quotes finds the quotations of text: curly pairs, and straight double
// quotes taken in pairs.
func quotes(text string) [][2]int {
	var out [][2]int
	open := -1
	for i := 0; i < len(text); i++ {
		switch {
		case strings.HasPrefix(text[i:], "“"):
			open = i
		case strings.HasPrefix(text[i:], "”"):
			if open >= 0 {
				out = append(out, [2]int{open, i + len("”")})
				open = -1
			}
		case text[i] == '"':
			if open < 0 {
				open = i
			} else {
				out = append(out, [2]int{open, i + 1})
				open = -1
			}
		case text[i] == '\n':
			// Quotes do not run across paragraphs here: an unclosed one
			// opens a paragraph that the next continues, which tally
			// does not follow.
			open = -1
		}
	}
	return out
}

// speakers finds each quotation's speaker among the reporting clauses of
// the sentences: the first clause after the quote in the sentence where
// it closes, else in the next sentence when the quote ends its own, else
// the last clause before it in the sentence where it opens.
func speakers(text string, sents []sentence) []quote {
	at := func(pos int) int {
		for i := range sents {
			if sents[i].span.Start <= pos && pos <= sents[i].span.End {
				return i
			}
		}
		return -1
	}
	clause := func(i int, ok func(c attribution.Clause, v tokens.Token) bool, last bool) (attribution.Clause, bool) {
		var found attribution.Clause
		hit := false
		for _, c := range clausesOf(&sents[i]) {
			v := sents[i].toks[c.Verb]
			if !ok(c, v) || inQuote(v.Start, text) {
				continue
			}
			found, hit = c, true
			if !last {
				break
			}
		}
		return found, hit
	}
	var out []quote
	for _, q := range quotes(text) {
		qt := quote{start: q[0], end: q[1], sent: -1}
		closes, opens := at(q[1]-1), at(q[0])
		if closes >= 0 {
			if c, ok := clause(closes, func(c attribution.Clause, v tokens.Token) bool { return v.Start >= q[1] }, false); ok {
				qt.sent, qt.clause = closes, c
			} else if next := closes + 1; next < len(sents) && q[1] >= sents[closes].span.End-1 {
				if c, ok := clause(next, func(attribution.Clause, tokens.Token) bool { return true }, false); ok {
					qt.sent, qt.clause = next, c
				}
			}
		}
		if qt.sent < 0 && opens >= 0 {
			if c, ok := clause(opens, func(c attribution.Clause, v tokens.Token) bool { return v.End <= q[0] }, true); ok {
				qt.sent, qt.clause = opens, c
			}
		}
		out = append(out, qt)
	}
	return out
}

// clausesOf returns a sentence's reporting clauses: read from its tree
// (parsed now if it was not, as a speaker's sentence often holds no
// number), else by the token rules.
func clausesOf(s *sentence) []attribution.Clause {
	if s.tree == nil && figures.TreeMode != "off" {
		s.tree, _ = tree.Parse(s.toks)
	}
	if s.tree != nil {
		if cs := attribution.TreeClauses(s.tree); len(cs) > 0 {
			return cs
		}
	}
	return attribution.Clauses(s.toks)
}

// inQuote is a cheap test used while quotes are being paired: whether the
// text before i holds an odd number of straight double quotes on its line.
func inQuote(i int, text string) bool {
	line := strings.LastIndexByte(text[:i], '\n') + 1
	return strings.Count(text[line:i], "\"")%2 == 1 || strings.Count(text[line:i], "“") > strings.Count(text[line:i], "”")
}

// quoted gives the figures inside a quotation whose source is the first
// person ("we", "our records"), a bare pronoun or the article's own voice
// the quotation's speaker.
func quoted(text string, sents []sentence, figs []claim.Figure, att *attribution.Doc) {
	if !slices.ContainsFunc(figs, func(f claim.Figure) bool { return weakInQuote(&f) && inQuote(f.Span[0], text) }) {
		return
	}
	qs := speakers(text, sents)
	if len(qs) == 0 {
		return
	}
	for i := range figs {
		f := &figs[i]
		if !weakInQuote(f) {
			continue
		}
		for _, q := range qs {
			if q.sent < 0 || f.Span[0] < q.start || f.Span[1] > q.end {
				continue
			}
			c, si := q.clause, q.sent
			// '"...," he said': he is the person the sentence before names.
			if pronoun(sents[si].toks, c) {
				for back := si - 1; back >= 0 && back >= si-2; back-- {
					clausesOf(&sents[back]) // parses it
					if sents[back].tree == nil {
						continue
					}
					if sc, ok := attribution.SubjectClause(sents[back].tree); ok {
						c, si = sc, back
						break
					}
				}
			}
			if a, ok := att.ResolveClause(text, sents[si].toks, c); ok && a.Source != "" && !firstPersonText(a.SourceText) {
				f.Source, f.SourceText, f.Cue = a.Source, a.SourceText, a.Cue
				if f.Explain != nil {
					f.Explain.Source = "quotation: its speaker " + a.SourceText + " " + a.Cue
				}
			}
			break
		}
	}
}

// pronoun reports a clause whose source is "he", "she" or "they".
func pronoun(toks []tokens.Token, c attribution.Clause) bool {
	return c.SrcFirst == c.SrcLast && c.SrcFirst < len(toks) && toks[c.SrcFirst].Is("he", "she", "they")
}

// weakInQuote reports a figure whose source says nothing about who
// speaks: the first person, or no clause at all.
func weakInQuote(f *claim.Figure) bool {
	return firstPersonText(f.SourceText) || f.Source == claim.Publisher || f.SourceText == ""
}

func firstPersonText(s string) bool {
	w := strings.ToLower(strings.Fields(s + " x")[0])
	switch w {
	case "we", "i", "our", "my", "us":
		return true
	}
	return false
}
