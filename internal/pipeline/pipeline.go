// Package pipeline wires tally's extraction stages together: text → page
// furniture out → sentences → figure mentions → attribution → figure
// claims. Every stage is a plain function over plain values (DESIGN.md,
// "Pipeline"); this file only passes them along.
package pipeline

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/attribution"
	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/figures"
	"github.com/tally-news/tally/internal/furniture"
	"github.com/tally-news/tally/internal/sentences"
	"github.com/tally-news/tally/internal/sources"
	"github.com/tally-news/tally/internal/tokens"
	"github.com/tally-news/tally/internal/tree"
)

// Options tune extraction. The zero value uses the shipped alias table.
type Options struct {
	Sources *sources.Table // alias table; nil for sources.Default()
	Explain bool           // fill each figure's Explain
}

// Extract returns every figure claim in doc, in text order.
func Extract(doc claim.Document) []claim.Figure {
	return ExtractWith(doc, Options{})
}

// sentence is one sentence with its tokens and mentions.
type sentence struct {
	span     sentences.Span
	toks     []tokens.Token
	mentions []figures.Mention
	headline bool
	tree     *tree.Sentence // nil unless the sentence can hold a figure
	places   []figures.Place
}

// Sentences returns the sentences of text that extraction reads: page
// furniture dropped, then split.
func Sentences(text string) []sentences.Span {
	var out []sentences.Span
	for _, r := range furniture.Keep(text) {
		out = append(out, sentences.Split(text, r[0], r[1])...)
	}
	return out
}

// ExtractWith is Extract with options.
func ExtractWith(doc claim.Document, opt Options) []claim.Figure {
	text := doc.Text
	var sents []sentence
	for _, s := range Sentences(text) {
		sents = append(sents, sentence{span: s})
	}
	if len(sents) == 0 {
		return nil
	}
	// A first line without a full stop is the headline; a cut-off one
	// ("... slain by mortar attack in ...") is one too.
	first := sents[0].span
	line := text[first.Start:first.End]
	if first.End < len(text) && text[first.End] == '\n' && (!strings.HasSuffix(line, ".") || strings.HasSuffix(line, "...")) {
		sents[0].headline = true
	}
	// Figure mentions, sentence by sentence.
	low := strings.ToLower(text)
	ctx := figures.Context{Migration: strings.Count(low, "migrant")+strings.Count(low, "refugee")+strings.Count(low, "asylum") >= 2}
	any := false
	bp := tokenSlabs.Get().(*[]tokens.Token)
	defer func() {
		// No value returned below holds a Token, only strings, so the
		// slab can serve the next document.
		clear(*bp)
		tokenSlabs.Put(bp)
	}()
	buf := (*bp)[:0]
	defer func() { *bp = buf }()
	for i := range sents {
		s := &sents[i]
		n := len(buf)
		buf = tokens.Append(buf, text, s.span.Start, s.span.End)
		s.toks = buf[n:len(buf):len(buf)] // capped: no stage may append into the next sentence
		// Only sentences that can hold a figure are parsed.
		if figures.TreeMode != "off" && figures.MayCount(s.toks) {
			s.tree, _ = tree.Parse(s.toks) // without a model the token rules read alone
			s.places = figures.Places(text, s.toks)
		}
		s.mentions = figures.FindTree(s.toks, s.tree, s.places, &ctx)
		any = any || len(s.mentions) > 0
	}
	if !any {
		return nil
	}
	fallback := defaultPlace(text, sents)
	people := readPeople(text, sents)

	// Attribution and claims.
	att := attribution.New(doc, opt.Sources)
	var out []claim.Figure
	var carried []bool // per figure of out: its source is carried over
	docCounted := ""
	for i := range sents {
		s := &sents[i]
		as := att.SentenceTree(text, s.toks, s.tree, s.mentions)
		if len(s.mentions) == 0 {
			continue
		}
		places := s.places
		if places == nil {
			places = figures.Places(text, s.toks)
		}
		var prevCounted, prevLoc string
		prevExplicit := false
		for k, m := range s.mentions {
			f := claim.Figure{
				Doc:          doc.ID,
				Sentence:     text[s.span.Start:s.span.End],
				SentenceSpan: [2]int{s.span.Start, s.span.End},
				Span:         [2]int{m.Start, m.End},
				NumberText:   text[m.Start:m.End],
				Qualifier:    m.Qualifier,
				Measure:      m.Measure,
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
				f.Subject = text[s.toks[m.SubjFirst].Start:s.toks[m.SubjLast].End]
			}
			c, loc, explicit := figures.Counted(s.toks, m, places, fallback)
			// "3,549 deaths in Turkey, with 1,602 people killed in Syria":
			// the place on the figure's own verb or noun.
			if own := ownPlace(s.tree, m, places); !explicit && own != "" {
				c = own
			}
			c, explicit = whoseByDocument(people, s.toks, s.tree, m, places, c, explicit, fallback)
			// "300 soldiers from North Korea were killed and 2,700 hurt":
			// a bare number coordinated with a counted phrase counts the
			// same people.
			if k > 0 && m.SubjFirst > m.SubjLast && prevExplicit && coordinated(s.toks, s.mentions[k-1], m) {
				c, loc, explicit = prevCounted, prevLoc, true
			}
			// "about 1,000 more had been wounded", "put the figure at
			// around 1,100": with no place in the sentence, the figure
			// continues the document's last one and counts its people.
			if !explicit && docCounted != "" && continues(s.toks, m) && !placeOutside(places, as[k].SourceText) {
				c = docCounted
			}
			prevCounted, prevLoc, prevExplicit = c, loc, explicit
			if c != "" {
				f.Counted = ptr(c)
				if loc != "" {
					f.Location = ptr(loc)
				}
			}
			a := as[k]
			// "the Israeli army said two soldiers were killed": a military
			// counts its own soldiers unless the sentence says whose.
			if a.Country != "" && !explicit && m.SubjFirst <= m.SubjLast && figures.IsSoldier(s.toks[m.SubjLast].Lower) && !figures.NamesNationality(places, m) {
				f.Counted = ptr(a.Country)
			}
			if f.Counted != nil {
				docCounted = *f.Counted
			}
			f.Source, f.SourceText, f.Cue, f.Hedged = a.Source, a.SourceText, a.Cue, a.Hedged
			if opt.Explain {
				f.Explain = &claim.Explain{Measure: m.Explain(s.toks), Source: a.Rule, Counted: countedRule(explicit, f.Counted)}
			}
			carried = append(carried, a.Carried)
			if f.Source == "" {
				f.Source = claim.Publisher
			}
			if a.Via != "" {
				f.Via = ptr(a.Via)
			}
			if a.Date != "" {
				f.Date = ptr(a.Date)
			}
			if s.headline {
				f.Hedged = false
			}
			// What the tree read of the figure's scope; internal/scope
			// reads the rest from the sentence.
			switch {
			case m.Subset:
				f.Scope = claim.ScopeSubset
			case m.Relative:
				f.Scope = claim.ScopeBackground
			}
			out = append(out, f)
		}
	}
	quoted(text, sents, out, att)
	headlineSources(text, sents, out)
	restated(out, carried)
	fullNames(out)
	specificUN(out, opt.Sources)
	return out
}

// countedRule says where the counted people came from.
func countedRule(explicit bool, c *string) string {
	switch {
	case c == nil:
		return "no nationality or place"
	case explicit:
		return "stated in the sentence"
	}
	return "the place of the sentence or the document"
}

// placeOutside reports whether a sentence names a place other than in its
// source: "Seoul's military put the figure at around 1,100" names none.
func placeOutside(places []figures.Place, sourceText string) bool {
	for _, p := range places {
		if !strings.Contains(sourceText, p.Text) {
			return true
		}
	}
	return false
}

// continues reports whether m refers back to an earlier figure rather
// than naming its own people: "1,000 more", "2,700 others", "put the figure
// at 1,100", "the toll rose to 21".
func continues(toks []tokens.Token, m figures.Mention) bool {
	if m.Last+1 < len(toks) && toks[m.Last+1].Is("more", "others", "other") {
		return true
	}
	if m.SubjFirst <= m.SubjLast && toks[m.SubjLast].Is("more", "others", "figure", "toll", "number", "tally", "count") {
		return true
	}
	for j := max(m.First-4, 0); j < m.First; j++ {
		if toks[j].Is("figure", "toll", "tally", "count") {
			return true
		}
	}
	return false
}

// fullNames gives a person named by surname alone the full name used
// elsewhere in the article: "Zelensky says ..." in the headline is the
// body's "Volodymyr Zelensky", "Kirby said" is "John Kirby".
func fullNames(figs []claim.Figure) {
	for i := range figs {
		s := figs[i].Source
		if s == "" || strings.ContainsAny(s, " ") || s[0] < 'A' || s[0] > 'Z' || isUpperWord(s) {
			continue
		}
		for _, g := range figs {
			if strings.HasSuffix(g.Source, " "+s) && len(strings.Fields(g.Source)) <= 4 {
				figs[i].Source = g.Source
				break
			}
		}
	}
}

// isUpperWord reports an acronym ("NIS", "UNHCR"), which is no surname.
func isUpperWord(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
	}
	return true
}

// restated gives a figure in the article's own voice, or one whose source
// is only carried over from the sentences before, the source of the same
// figure (same measure, value and people) stated elsewhere with its own
// source: a standfirst's "Almost 700,000 people driven from their homes"
// is the body's "Almost 700,000 ..., OCHA reported"; "Losing a reported
// 1,000 troops in one week ..." is Kirby's 1,000.
func restated(figs []claim.Figure, carried []bool) {
	for i := range figs {
		f := &figs[i]
		weak := f.Source == claim.Publisher || i < len(carried) && carried[i]
		if !weak || f.Value == nil {
			continue
		}
		for j := range figs {
			g := &figs[j]
			own := g.Source != claim.Publisher && !(j < len(carried) && carried[j])
			if j != i && own && g.Source != f.Source && g.Measure == f.Measure && sameValue(f.Value, g.Value) && f.Qualifier == g.Qualifier && sameCounted(f, g) {
				f.Source, f.SourceText, f.Cue, f.Date, f.Via = g.Source, g.SourceText, g.Cue, g.Date, g.Via
				break
			}
		}
	}
}

// specificUN replaces "the UN" by the one UN agency the article names as
// a source: in a refugee story "the UN said" is UNHCR speaking. With two
// or more agencies named, "the UN" stays.
func specificUN(figs []claim.Figure, t *sources.Table) {
	if t == nil {
		t = sources.Default()
	}
	const un = "United Nations"
	if !slices.ContainsFunc(figs, func(f claim.Figure) bool { return f.Source == un }) {
		return
	}
	agency := ""
	for _, f := range figs {
		if f.Source == un || f.Source == agency || t.Kind(f.Source) != "un" {
			continue
		}
		if agency != "" {
			return
		}
		agency = f.Source
	}
	if agency == "" {
		return
	}
	for i := range figs {
		if figs[i].Source == un {
			figs[i].Source = agency
		}
	}
}

// coordinated reports whether mention b follows a within the same clause,
// joined by "and", "while" or a comma and nothing that starts a new
// subject: "killed and 2,700 hurt", "killing 12 and wounding 30".
func coordinated(toks []tokens.Token, a, b figures.Mention) bool {
	if b.First <= a.Last || b.First-a.Last > 12 {
		return false
	}
	for j := a.Last + 1; j < b.First; j++ {
		if toks[j].Is("and", "while", ",", "with") {
			return true
		}
	}
	return false
}

// tokenSlabs recycles the token slice of a document: tokens are most of
// the extractor's garbage, and none outlives ExtractWith.
var tokenSlabs = sync.Pool{New: func() any { return new([]tokens.Token) }}

// defaultPlace is where a document's figures happen when their sentence
// names no place: the dateline of the lead, else the headline's place,
// else the first place in the text.
func defaultPlace(text string, sents []sentence) string {
	order := make([]int, 0, len(sents))
	if len(sents) > 1 && sents[0].headline {
		order = append(order, 1, 0)
		for i := 2; i < len(sents); i++ {
			order = append(order, i)
		}
	} else {
		for i := range sents {
			order = append(order, i)
		}
	}
	for _, i := range order {
		if c := figures.DefaultPlace(text, sents[i].toks); c != "" {
			return c
		}
	}
	return ""
}

// headlineSources gives a headline figure the source of the body figure
// that restates it ("Typhoon Kills Four" / "at least four people, officials
// said"), or the source named by a headline tail ("... - TV", "-Radio").
func headlineSources(text string, sents []sentence, figs []claim.Figure) {
	if len(sents) == 0 || !sents[0].headline {
		return
	}
	h := sents[0].span
	tail := headlineTail(text[h.Start:h.End])
	for i := range figs {
		f := &figs[i]
		if f.SentenceSpan[0] != h.Start || f.Source != claim.Publisher {
			continue
		}
		for j := range figs {
			g := &figs[j]
			if g.SentenceSpan[0] == h.Start || g.Measure != f.Measure || !sameValue(f.Value, g.Value) {
				continue
			}
			if g.Source != claim.Publisher {
				f.Source, f.SourceText, f.Cue, f.Date = g.Source, g.SourceText, g.Cue, g.Date
			}
			break
		}
		// Headlines round: "pass the 7,000 mark" over the body's "at least
		// 7,028". A round headline number takes the source of the first
		// body figure of its measure within 1% above it ("toll over 600"
		// over a body's 622 is the headline's own rounding, and stays).
		if f.Source == claim.Publisher && f.Value != nil && (f.Qualifier == claim.Exact || f.Qualifier == claim.Min) && math.Mod(*f.Value, 100) == 0 {
			for j := range figs {
				g := &figs[j]
				if g.SentenceSpan[0] == h.Start || g.Measure != f.Measure || g.Value == nil || g.Source == claim.Publisher {
					continue
				}
				if *g.Value >= *f.Value && *g.Value <= *f.Value*1.01 {
					f.Source, f.SourceText, f.Cue, f.Date = g.Source, g.SourceText, g.Cue, g.Date
				}
				break
			}
		}
		if f.Source == claim.Publisher && tail != "" {
			f.Source, f.SourceText = tailSource(figs, tail), tail
		}
	}
}

// headlineTail returns the source a headline names after a final dash:
// "Earthquake Rocks Bali, One Dead-Radio" → "Radio".
func headlineTail(h string) string {
	h = strings.TrimSpace(h)
	// "Typhoon Claims 25 Lives; 43 Missing, NHK TV Reports", "..., UN Says".
	if i := strings.LastIndex(h, ", "); i > 0 {
		t := h[i+2:]
		for _, verb := range []string{" Reports", " Says", " Said", " reports", " says", " said"} {
			if name, ok := strings.CutSuffix(t, verb); ok && name != "" && len(strings.Fields(name)) <= 4 && unicode.IsUpper(rune(name[0])) {
				return name
			}
		}
	}
	// "Boat capsizes off Libya, 24 migrants presumed dead: UN",
	// "Rohingya influx into Bangladesh reaches 409,000: IOM".
	if i := strings.LastIndex(h, ": "); i > 0 {
		if t := strings.TrimSpace(h[i+2:]); t != "" && len(strings.Fields(t)) <= 3 && !strings.ContainsAny(t, "0123456789") &&
			(unicode.IsUpper(rune(t[0])) || attribution.IsSourceNoun(strings.ToLower(t))) {
			return t
		}
	}
	// "... - TV (Reuters)": the wire's credit is not the tail.
	for _, credit := range []string{"(Reuters)", "(AP)", "(AFP)", "(Canadian Press)", "(CP)"} {
		h = strings.TrimSpace(strings.TrimSuffix(h, credit))
	}
	if i := strings.LastIndexAny(h, "-–—"); i > 0 && i >= len(h)-20 {
		_, n := utf8.DecodeRuneInString(h[i:])
		// A hyphen inside a word ("anti-terror raids") is no tail.
		if h[i-1] != ' ' && i+n < len(h) && h[i+n] != ' ' && !unicode.IsUpper(rune(h[i+n])) {
			return ""
		}
		t := strings.TrimSpace(h[i+n:])
		if t != "" && !strings.Contains(t, " ") || len(strings.Fields(t)) <= 2 {
			return t
		}
	}
	return ""
}

// tailSource finds the body's full name for a headline tail: "TV" is "Al
// Arabiya television" when the body names it.
func tailSource(figs []claim.Figure, tail string) string {
	// "TV" in a headline is "television" in the body: "NHK TV Reports"
	// over "NHK television said".
	words := strings.Fields(strings.ToLower(tail))
	for i, w := range words {
		if w == "tv" {
			words[i] = "television"
		}
	}
	want := strings.Join(words, " ")
	for _, f := range figs {
		if strings.Contains(strings.ToLower(f.SourceText), want) {
			return f.Source
		}
	}
	return tail
}

// sameCounted reports figures counting the same people (or either
// unknown).
func sameCounted(a, b *claim.Figure) bool {
	return a.Counted == nil || b.Counted == nil || *a.Counted == *b.Counted
}

func sameValue(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func ptr[T any](v T) *T { return &v }
