package attribution

import (
	"strings"

	"github.com/tally-news/tally/internal/tokens"
)

// Lists: "Below are some of the findings of the annual study by the UN
// refugee agency:" followed by bullet points. Each point is the
// source's, though none names it: the sentence that opens the list says
// whose they are. The list ends at the first line that is not a point.

// findingNouns name what a source publishes as a list of points.
var findingNouns = map[string]bool{
	"findings": true, "highlights": true, "points": true, "figures": true, "details": true,
	"results": true, "facts": true, "numbers": true, "data": true, "statistics": true,
	"conclusions": true, "takeaways": true, "excerpts": true,
}

// isPoint reports whether a sentence is a bullet point ("- ", "• ", "* ").
func isPoint(toks []tokens.Token) bool {
	return len(toks) > 1 && (toks[0].Text == "-" || toks[0].Text == "•" || toks[0].Text == "*" || toks[0].Text == "–" || toks[0].Text == "·")
}

// listIntro returns the source a sentence names as the author of the
// points that follow ("the findings of a study by X", "key figures from
// X"), or false.
func (d *Doc) listIntro(text string, toks []tokens.Token) (Attribution, bool) {
	at := -1
	for i, t := range toks {
		if findingNouns[t.Lower] {
			at = i
			break
		}
	}
	if at < 0 {
		return Attribution{}, false
	}
	// The author: a "by" phrase first ("a study by X"), then "from" ("key
	// figures from X"), then an "of" phrase that names a known source
	// ("the findings of UNHCR").
	for _, prep := range []string{"by", "from", "of"} {
		for j := at + 1; j < len(toks)-1; j++ {
			if toks[j].Lower != prep {
				continue
			}
			s, e := nounAfter(toks, j+1)
			if s > e {
				continue
			}
			src := strings.TrimSpace(textSlice(text, toks, s, e))
			// "from the agency's latest assessment": the possessor.
			for k := s; k <= e; k++ {
				if w := toks[k].Text; strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
					src = strings.TrimSpace(textSlice(text, toks, s, k))
					src = strings.TrimSuffix(strings.TrimSuffix(src, "'s"), "’s")
					break
				}
			}
			canon, kind, country, ok := d.res.Resolve(src)
			if !ok || kind == "" && prep == "of" {
				continue
			}
			return Attribution{Source: canon, SourceText: src, Cue: toks[at].Text, Country: country, kind: kind}, true
		}
	}
	return Attribution{}, false
}

// trackList updates the list state with a sentence: an introduction
// opens a list, a point continues it, anything else ends it.
func (d *Doc) trackList(text string, toks []tokens.Token) {
	if isPoint(toks) {
		return
	}
	if a, ok := d.listIntro(text, toks); ok {
		d.list = &a
		return
	}
	d.list = nil
}

// otherTime reports whether a sentence opens on a time other than the
// report's ("Last month, ...", "Also last year, ...", "Earlier this
// year, ...", "In March, ...", "In 2019, ..."): it tells of another
// episode, in the article's own voice, not the next figure of the
// source quoted before.
func otherTime(toks []tokens.Token) bool {
	i := 0
	for i < len(toks) && (toks[i].Kind == tokens.Punct || toks[i].Is("also", "and", "but", "meanwhile")) {
		i++
	}
	if i+1 >= len(toks) {
		return false
	}
	t, u := toks[i], toks[i+1]
	switch {
	case t.Is("last", "earlier") && u.Is("month", "year", "week", "summer", "winter", "spring", "autumn", "fall", "this"):
		return true
	case t.Is("in") && (months[u.Lower] || u.Kind == tokens.Num && len(u.Text) == 4 && (u.Text[:2] == "19" || u.Text[:2] == "20")):
		return true
	case t.Kind == tokens.Num || t.Is("a", "two", "three", "several", "some"):
		// "A year ago, ...", "Two weeks ago, ..."
		return i+2 < len(toks) && u.Is("year", "years", "month", "months", "week", "weeks") && toks[i+2].Is("ago")
	}
	return false
}
