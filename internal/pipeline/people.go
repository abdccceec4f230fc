package pipeline

import (
	"strings"

	"github.com/tally-news/tally/internal/figures"
	"github.com/tally-news/tally/internal/geo"
	"github.com/tally-news/tally/internal/tokens"
	"github.com/tally-news/tally/internal/tree"
)

// Whose people, at the level of the document. A sentence often names no
// nationality and only a place; what the article is about then decides:
// migrants at sea are counted as migrants, a global report's totals as
// the world's, and a place the figure's people only pass into is not
// theirs.

// docPeople is what a document says about the people of its figures.
type docPeople struct {
	migrants bool   // a story of migrants: boats, crossings, smugglers
	world    bool   // a global report: "worldwide", "around the world"
	headline string // the country its headline names first
	// mainCountry is the country the document names most, when clear;
	// counted on first use (it scans every sentence for places).
	mainCountry func() string
}

// readPeople reads docPeople off the document's sentences.
func readPeople(text string, sents []sentence) docPeople {
	var d docPeople
	low := strings.ToLower(text)
	d.migrants = strings.Count(low, "migrant") >= 2
	if len(sents) > 0 {
		for i := 0; i < len(sents) && i < 3; i++ {
			d.world = d.world || worldWide(strings.ToLower(text[sents[i].span.Start:sents[i].span.End]))
		}
		// Or a report that speaks of the world in more than one way.
		n := 0
		for _, w := range worldPhrases {
			if strings.Contains(low, w) {
				n++
			}
		}
		d.world = d.world || n >= 2
		if sents[0].headline {
			d.headline = figures.DefaultPlace(text, sents[0].toks)
		}
	}
	var main string
	done := false
	d.mainCountry = func() string {
		if !done {
			done = true
			main = mostNamed(text, sents)
		}
		return main
	}
	return d
}

// mostNamed is the country a document names at least three times and
// twice as often as any other, or "".
func mostNamed(text string, sents []sentence) string {
	counts := map[string]int{}
	for i := range sents {
		ps := sents[i].places
		if ps == nil {
			ps = figures.Places(text, sents[i].toks)
		}
		for _, p := range ps {
			if p.Kind != geo.Demonym && p.Country != "" {
				counts[p.Country]++
			}
		}
	}
	best, second := "", 0
	for c, n := range counts {
		if best == "" || n > counts[best] || n == counts[best] && c < best {
			if best != "" {
				second = max(second, counts[best])
			}
			best = c
		} else {
			second = max(second, n)
		}
	}
	if best != "" && counts[best] >= 3 && counts[best] >= 2*second {
		return best
	}
	return ""
}

var worldPhrases = []string{"worldwide", "around the world", "across the globe", "across the world", "globally", "world over"}

// worldWide reports a sentence about the whole world.
func worldWide(s string) bool {
	for _, w := range worldPhrases {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// destination reports whether every mention of country c in the sentence
// is where people go ("pour into Malawi", "crossed into Poland", "arrived
// in Greece"), not where they are from or where something happened.
func destination(toks []tokens.Token, places []figures.Place, c string) bool {
	seen := false
	for _, p := range places {
		if p.Country != c {
			continue
		}
		seen = true
		k := p.First - 1
		for k > 0 && toks[k].Is("the", "neighbouring", "neighboring") {
			k--
		}
		if k < 0 || !toks[k].Is("into", "to", "reach", "reached", "reaching", "entered", "enter", "entering", "crossed") {
			return false
		}
	}
	return seen
}

// ownPlace returns the country of a place the tree hangs on the figure's
// own cue verb or counted noun with "in", "at", "near" or "across" ("1,602
// people killed in Syria"), or "".
func ownPlace(tr *tree.Sentence, m figures.Mention, places []figures.Place) string {
	if tr == nil || m.Word() < 0 || len(places) == 0 {
		return ""
	}
	var heads []int
	if m.Cue >= 0 {
		heads = append(heads, tr.WordOf(m.Cue))
	}
	if n := m.Word(); tr.URel(n) == "nummod" {
		heads = append(heads, tr.Head(n))
	}
	for _, h := range heads {
		if h < 0 {
			continue
		}
		for _, k := range tr.Kids(h) {
			if r := tr.URel(k); r != "obl" && r != "nmod" {
				continue
			}
			switch tr.Case(k) {
			case "in", "at", "near", "across", "inside":
			default:
				continue
			}
			for _, p := range places {
				if w := tr.WordOf(p.Last); w == k || tr.WordOf(p.First) == k {
					return p.Country
				}
			}
		}
	}
	return ""
}

// hosts reports whether country c is named in the sentence as the host
// of its refugees.
func hosts(tr *tree.Sentence, places []figures.Place, c string) bool {
	for _, p := range places {
		if p.Country == c && host(tr, p.First) {
			return true
		}
	}
	return false
}

// host reports whether the place at token t is the subject of a verb of
// hosting ("Poland is hosting 2.3 million refugees", "Chad has taken in
// 500,000"): the country refugees are in, not whose they are.
func host(tr *tree.Sentence, t int) bool {
	if tr == nil {
		return false
	}
	w := tr.WordOf(t)
	if w < 0 || tr.URel(w) != "nsubj" {
		return false
	}
	// The verb, and the verbs it shares its subject with ("has taken in
	// ... and is now hosting").
	v := tr.Head(w)
	verbs := []int{v}
	for _, k := range tr.Kids(v) {
		if tr.URel(k) == "conj" && tr.Kid(k, "nsubj") < 0 {
			verbs = append(verbs, k)
		}
	}
	for _, v := range verbs {
		switch tr.Lemma(v) {
		case "host", "shelter", "receive", "welcome", "accommodate", "absorb", "register", "house":
			return true
		case "take":
			// "taken in", however the parser hung the "in"
			if prt := tr.Kid(v, "compound:prt"); prt >= 0 && tr.Lower(prt) == "in" || v+1 < tr.Len() && tr.Lower(v+1) == "in" {
				return true
			}
		}
	}
	return false
}

// whoseByDocument adjusts counted c (explicit when the sentence said
// whose people) for figure m by what the document is about.
func whoseByDocument(d docPeople, toks []tokens.Token, tr *tree.Sentence, m figures.Mention, places []figures.Place, c string, explicit bool, fallback string) (string, bool) {
	sent := strings.ToLower(textOf(toks))
	if m.Measure == "refugees" && c != "" && hosts(tr, places, c) {
		// "Colombia is hosting 2.8 million refugees" in a story of
		// Venezuela's: where they are, not whose.
		for _, o := range []string{d.headline, d.mainCountry(), fallback} {
			if o != "" && o != c {
				return o, false
			}
		}
	}
	switch {
	case explicit:
		return c, explicit
	case worldWide(sent):
		return "World", true
	case d.migrants && m.Measure != "arrested" && m.Measure != "deployed" && m.Measure != "supplied" && !d.world:
		return "Migrants", false
	case d.world && (m.Measure == "displaced" || m.Measure == "refugees"):
		return "World", true
	case m.Measure == "refugees" && c != "" && destination(toks, places, c):
		// Refugees are not counted by the country they enter: the
		// story's own country is theirs.
		for _, o := range []string{d.headline, d.mainCountry(), fallback} {
			if o != "" && o != c {
				return o, false
			}
		}
		return c, false // no other country: they are counted where they are
	}
	if tr != nil && c != "" && figures.DoerOnly(tr, m, places, c) {
		if m := d.mainCountry(); m != "" && m != c {
			return m, false
		}
		return fallback, false
	}
	if c == fallback && !named(places, c) {
		if m := d.mainCountry(); m != "" && m != c {
			return m, false
		}
	}
	return c, explicit
}

// named reports whether the sentence names country c.
func named(places []figures.Place, c string) bool {
	for _, p := range places {
		if p.Country == c {
			return true
		}
	}
	return false
}

func textOf(toks []tokens.Token) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.SpaceBefore {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
