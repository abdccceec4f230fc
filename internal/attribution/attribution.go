// Package attribution decides who asserts each figure, through whom, and
// when: the `source`, `source_text`, `cue`, `via`, `date` and `hedged`
// fields of a figure claim (DESIGN.md, "Sources and aliases").
//
// It reads the reporting clauses of each sentence (clauses.go), resolves
// how they name the source through the alias table (internal/sources), and
// carries sources over between sentences: "it added", "the agency said",
// and sentences that continue a run of figures from one source.
package attribution

import (
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/dates"
	"github.com/tally-news/tally/internal/figures"
	"github.com/tally-news/tally/internal/geo"
	"github.com/tally-news/tally/internal/sources"
	"github.com/tally-news/tally/internal/tokens"
	"github.com/tally-news/tally/internal/tree"
)

// Attribution is who asserts one figure.
type Attribution struct {
	Source     string
	SourceText string
	Cue        string
	Via        string
	Date       string
	Hedged     bool
	// Country is the resolved source's country, where known: a military
	// counts its own soldiers.
	Country string
	// Carried is set when the sentence names no source and the figure
	// takes the one of the passage it continues: a weaker attribution
	// than the sentence's own, which an exact restatement can override.
	Carried bool
	// Rule says how the source was found, for --explain.
	Rule string
	kind string
}

// Doc attributes the figures of one document, sentence by sentence, in
// order: carry-over needs the sentences before.
type Doc struct {
	res       *sources.Resolver
	published time.Time
	last      *Attribution  // the most recent named source, for "it added"
	recent    []Attribution // the named sources before, newest last, for "the ministry said"
	list      *Attribution  // the author of the bullet points being read, from the sentence that opened them
	elsewhen  bool          // the sentence opens on another time ("Last month, ..."): no figures carry in
	lastFig   *Attribution  // the source of the most recent attributed figure, for a passage of figures
	lastSent  int           // sentence index of the last attributed figure
	sent      int
	dated     map[string]string // source → date of its last dated statement
	self      string            // the article's own voice: the publisher, or the agency publishing its own report
}

// New prepares attribution for doc with the alias table t (nil: the
// shipped table).
func New(doc claim.Document, t *sources.Table) *Doc {
	if t == nil {
		t = sources.Default()
	}
	d := &Doc{res: t.NewResolver(doc.Text), lastSent: -10, dated: map[string]string{}, self: claim.Publisher}
	if p, err := time.Parse("2006-01-02", doc.Published); err == nil {
		d.published = p
	}
	// A report an agency publishes itself ("Human Rights Watch", "IOM
	// Displacement Tracking Matrix", "UNHCR") states its own figures: its
	// voice is the agency's, not an outlet's.
	// The agency may be named first ("IOM Displacement Tracking Matrix").
	// A shorter prefix must name the agency itself, not a country or city
	// the outlet is named after ("Taipei Times", "India TV").
	all := strings.Fields(doc.Publisher)
	for words := all; len(words) > 0; words = words[:len(words)-1] {
		canon, kind, country, ok := d.res.Resolve(strings.Join(words, " "))
		if !ok {
			continue
		}
		whole := len(words) == len(all)
		if kind != "" && kind != "media" && kind != "person" && (whole || kind != "government" && !geo.IsCountry(canon) && canon != country) {
			d.self = canon
		}
		break
	}
	return d
}

// voice is the attribution of the article's own voice.
func (d *Doc) voice(rule string) Attribution {
	return Attribution{Source: d.self, Rule: rule}
}

// hedges mark a figure as an estimate wherever they stand in its sentence.
var hedges = map[string]bool{
	"reportedly": true, "estimated": true, "estimate": true, "estimates": true, "assess": true,
	"assessed": true, "assesses": true, "assessment": true, "preliminary": true, "believed": true,
	"allegedly": true, "purportedly": true, "unconfirmed": true, "possibly": true, "probably": true,
	"likely": true, "approximately": true, "feared": true, "thought": true, "suggests": true,
}

// Sentence attributes the mentions of one sentence. text is the document
// text and toks the sentence's tokens.
func (d *Doc) Sentence(text string, toks []tokens.Token, ms []figures.Mention) []Attribution {
	return d.SentenceTree(text, toks, nil, ms)
}

// Mode says whether attribution reads the dependency tree first ("tree")
// or only the token rules ("tokens"); an experiment switch.
var Mode = modeFromEnv()

func modeFromEnv() string {
	if m := os.Getenv("TALLY_ATTR"); m != "" {
		return m
	}
	return "tree"
}

// SentenceTree is Sentence reading the sentence's dependency tree tr (nil:
// none).
func (d *Doc) SentenceTree(text string, toks []tokens.Token, tr *tree.Sentence, ms []figures.Mention) []Attribution {
	defer func() { d.sent++ }()
	d.trackList(text, toks)
	d.elsewhen = otherTime(toks)
	if len(ms) == 0 {
		// A sentence without figures may still name a source that the
		// next sentence's "it added" refers to.
		cs := Clauses(toks)
		if tr != nil {
			// The tree's reporting clauses, where the sentence was parsed
			// ("Russia's defence ministry did not comment but said ...").
			if tcs := TreeClauses(tr); len(tcs) > 0 {
				cs = tcs
			}
		}
		if len(cs) > 0 {
			if a, ok := d.resolve(text, toks, cs[len(cs)-1]); ok && a.Source != "" {
				d.remember(&a)
			}
		} else {
			d.namePerson(text, toks)
		}
		return nil
	}
	cs := Clauses(toks)
	hedged := false
	for i, t := range toks {
		// "reportedly", "an estimated"; "said to have killed", "believed
		// to be dead".
		if hedges[t.Lower] || i+1 < len(toks) && toks[i+1].Lower == "to" && t.Is("said", "reported", "believed", "thought", "feared") {
			hedged = true
			break
		}
	}
	var date string
	sent := text[toks[0].Start:toks[len(toks)-1].End]
	for _, m := range dates.Find(sent, d.published) {
		if m.Date != "" && m.Exact {
			date = m.Date
			break
		}
	}
	out := make([]Attribution, len(ms))
	for i, m := range ms {
		a := d.attribute(text, toks, tr, cs, m)
		a.Hedged = a.Hedged || hedged
		if a.Source != claim.Publisher {
			if date != "" {
				a.Date = date
				d.dated[a.Source] = date
			} else if dd, ok := d.dated[a.Source]; ok {
				a.Date = dd
			}
		}
		out[i] = a
	}
	return out
}

// attribute picks the reporting clause that governs m.
func (d *Doc) attribute(text string, toks []tokens.Token, tr *tree.Sentence, cs []Clause, m figures.Mention) Attribution {
	if tr != nil && m.Word() >= 0 && Mode == "tree" {
		if a, ok := d.fromTree(text, toks, tr, m); ok {
			return a
		}
	}
	var outer, inner *Clause
	concede := false
	for i := range cs {
		c := &cs[i]
		if conceded(toks, c.Verb, m.First) {
			concede = true
			continue
		}
		// A clause before the figure governs it when the figure is in its
		// complement; a clause after it ("..., X said") when no other
		// clause stands between.
		if c.Verb < m.First {
			if trailing(toks, *c) {
				continue
			}
			if inner != nil {
				outer = inner
			}
			inner = c
		} else if inner == nil || c.After || c.Verb > m.Last {
			if inner == nil {
				inner = c
			}
			break
		}
	}
	// "we assess ... 1,100 casualties," the South Korean military said:
	// a first-person source inside a quote is the quote's speaker.
	if inner != nil && inner.Verb < m.First && inner.SrcFirst == inner.SrcLast && toks[inner.SrcFirst].Is("we", "i") {
		for i := range cs {
			if cs[i].Verb > m.Last {
				inner, outer = &cs[i], nil
				break
			}
		}
	}
	// A clause after the figure governs it only across a comma or quote
	// (in "kidnappers of seven employees said", the figure is part of the
	// subject, not of what was said), and only when what was said is not
	// after it ("..., but officials say they have no clues").
	if inner != nil && inner.Verb > m.Last && !inner.After && ownComplement(toks, inner.Verb) && !fronted(toks, m, *inner) {
		inner = nil
	}
	if inner != nil && inner.Verb > m.Last && !inner.After {
		sep := false
		for j := m.Last + 1; j < inner.SrcFirst && j < len(toks); j++ {
			if toks[j].Text == "," || isQuote(toks[j].Text) || toks[j].Is("that", "-", "—", "–") {
				sep = true
				break
			}
		}
		if !sep {
			inner = nil
		}
	}
	if inner == nil && concede {
		// "Although police said they had not fired, two were killed":
		// the sentence names its speaker, and what the speaker said is
		// not the figure; no other source carries in.
		return d.voice("the article's own voice: the sentence's report is conceded, not of the figure")
	}
	if inner == nil {
		return d.unattributed(m)
	}
	if m.Relative {
		return d.voice("tokens: background relative clause")
	}
	// "the UN migration agency reported that its data showed ...": "its"
	// is the outer clause's source, not the last one of the article.
	// Likewise 'Zelensky wrote: "Initial data show that ..."': data
	// with no owner are the speaker's.
	if outer != nil && inner.SrcFirst <= inner.SrcLast && inner.SrcLast < len(toks) &&
		(toks[inner.SrcFirst].Is("its", "their") || inner.SrcFirst > 0 && toks[inner.SrcFirst-1].Is("its", "their") ||
			toks[inner.SrcLast].Is("data", "figures", "statistics", "numbers", "estimates") && !inner.After) {
		if o, ok := d.resolve(text, toks, *outer); ok && o.Source != "" {
			o.Cue = inner.Cue
			o.Rule = "tokens: data of the outer clause's source"
			d.remember(&o)
			d.lastFig, d.lastSent = &o, d.sent
			return o
		}
	}
	a, ok := d.resolve(text, toks, *inner)
	if !ok {
		return d.unattributed(m)
	}
	if outer != nil && inner.Verb != outer.Verb {
		if o, ok := d.resolve(text, toks, *outer); ok && o.Source != a.Source && o.kind == "person" {
			a.Via = o.Source
		}
	}
	a.Rule = "tokens: reporting clause " + inner.Cue
	d.remember(&a)
	d.lastFig, d.lastSent = &a, d.sent
	return a
}

// fromTree attributes m by the reporting clause the tree puts over it.
func (d *Doc) fromTree(text string, toks []tokens.Token, tr *tree.Sentence, m figures.Mention) (Attribution, bool) {
	inner, outer, ok := treeClause(tr, m.Word())
	if !ok {
		return Attribution{}, false
	}
	// A dateline ("JAKARTA (Reuters) -") is no speaker.
	if start := subjectStart(toks); inner.SrcFirst < start && start > 0 {
		return Attribution{}, false
	}
	if m.Relative || background(tr, m.Word(), tr.WordOf(inner.Verb)) {
		return d.voice("tree: background relative clause"), true
	}
	// "we assess ...," the military said: a first person inside a quote
	// is its speaker; "a UN spokesperson said the organisation had
	// documented ...": the organisation is the speaker's.
	if outer != nil && (firstPerson(toks, inner) || refersBack(text, toks, inner)) {
		cue := inner.Cue
		inner, outer = *outer, nil
		if !firstPerson(toks, inner) {
			inner.Cue = cue
		}
	}
	a, ok := d.resolve(text, toks, inner)
	if !ok || a.Source == "" {
		return Attribution{}, false
	}
	if outer != nil && outer.Verb != inner.Verb {
		if o, ok := d.resolve(text, toks, *outer); ok && o.Source != a.Source && (o.kind == "person" || o.kind == "media") {
			a.Via = o.Source
		}
	}
	a.Rule = "tree: " + inner.Cue + ", subject " + strings.TrimSpace(textSlice(text, toks, inner.SrcFirst, inner.SrcLast))
	if a.Via != "" {
		a.Rule += ", via " + outer.Cue
	}
	d.remember(&a)
	d.lastFig, d.lastSent = &a, d.sent
	return a, true
}

// refersBack reports a source named by a pronoun or a definite
// description ("it", "the organisation", "the agency").
func refersBack(text string, toks []tokens.Token, c Clause) bool {
	low := strings.ToLower(strings.TrimSpace(textSlice(text, toks, c.SrcFirst, c.SrcLast)))
	if c.SrcFirst > 0 && toks[c.SrcFirst-1].Lower == "the" && !strings.HasPrefix(low, "the ") {
		low = "the " + low
	}
	return isPronoun(low) && low != "we" && low != "i" || isAnaphor(low)
}

// firstPerson reports a source named "we", "I", "our ...", "my ...".
func firstPerson(toks []tokens.Token, c Clause) bool {
	return c.SrcFirst <= c.SrcLast && c.SrcFirst < len(toks) && toks[c.SrcFirst].Is("we", "i", "our", "my", "us")
}

// fronted reports whether m sits in a participial phrase that opens the
// sentence and ends at a comma before clause c: "Counting an estimated
// 770 lives lost, IOM believes the toll stands at 1,727": the phrase is
// the speaker's too.
func fronted(toks []tokens.Token, m figures.Mention, c Clause) bool {
	if len(toks) == 0 || !strings.HasSuffix(toks[0].Lower, "ing") || len(toks[0].Lower) < 6 {
		return false
	}
	for j := 1; j < c.SrcFirst; j++ {
		if toks[j].Text == "," {
			return j > m.Last && j >= c.SrcFirst-2
		}
	}
	return false
}

// ownComplement reports whether the reporting verb at v is followed by
// what it reports ("officials say they have no clues", "said that ..."),
// rather than closing the sentence ("..., police said on Monday.").
func ownComplement(toks []tokens.Token, v int) bool {
	j := v + 1
	// "told legislators on Monday", "informed lawmakers": the hearer.
	if toks[v].Is("told", "tells", "tell", "informed", "briefed", "informs", "briefs") {
		for j < len(toks) && toks[j].Kind == tokens.Word && !toks[j].Is("that", "on", "in", "at", "late", "earlier") && !isDay(toks[j].Lower) && j < v+5 {
			j++
		}
	}
	for j < len(toks) {
		t := toks[j]
		// "said at a U.N. Security Council meeting last week.", "said
		// during a visit to Kyiv,": a circumstance, not what was said. It
		// runs to the end of the sentence or a comma, without a number or
		// "that" (which start a complement: "said at least 12 died").
		if t.Is("at", "during", "before", "after", "via", "through", "while") && !(j+1 < len(toks) && toks[j+1].Is("least", "most")) {
			k := j + 1
			for k < len(toks) && k < j+10 && toks[k].Kind != tokens.Num && !toks[k].Is("that", "\"", "“") && (toks[k].Kind != tokens.Punct || toks[k].Text == ".") {
				if toks[k].Text == "." && (k+1 == len(toks) || !toks[k+1].IsCap() || toks[k+1].SpaceBefore) {
					break
				}
				k++
			}
			if k == len(toks) || toks[k].Kind == tokens.Punct {
				j = k
				continue
			}
		}
		if t.Is("on", "late", "early", "earlier", "here", "yesterday", "today", "tonight", "in", "a", "an", "the", "statement", "at", "news", "conference", "briefing", "told", "reporters", "also", "last", "week", "night", "this",
			"its", "his", "her", "their", "website", "site", "web", "page", "account", "channel", "post", "interview", "broadcast") || isDay(t.Lower) || t.IsCap() {
			j++
			continue
		}
		break
	}
	if j >= len(toks) {
		return false
	}
	t := toks[j]
	if t.Kind == tokens.Punct {
		return false
	}
	return true
}

// trailing reports whether the clause "X said" stands between commas
// after other words ("..., police said, taking the toll to 62"): it
// reports what came before it, not what follows.
func trailing(toks []tokens.Token, c Clause) bool {
	if c.After || c.SrcFirst < 1 || c.Verb+1 >= len(toks) {
		return false
	}
	if toks[c.SrcFirst-1].Text != "," {
		return false
	}
	j := c.Verb + 1
	for j < len(toks) && (toks[j].Is("on", "yesterday", "today", "late", "earlier") || isDay(toks[j].Lower)) {
		j++
	}
	return j < len(toks) && toks[j].Text == ","
}

// unattributed gives a figure without its own reporting clause the source
// of the run of figures it continues, else the publisher.
func (d *Doc) unattributed(m figures.Mention) Attribution {
	if d.list != nil {
		a := *d.list
		a.Carried = true
		a.Rule = "a point of the list " + a.Source + " published"
		return a
	}
	// A vague number on its own ("Pyongyang has dispatched thousands of
	// troops") is background in the article's voice, not data it relays.
	if d.lastFig != nil && d.lastSent >= d.sent-2 && d.sent > 1 && m.Qualifier != "vague" && !d.elsewhen {
		a := *d.lastFig
		a.Carried = true
		a.Rule = "carried over: continues the figures of " + a.Source
		d.lastSent = d.sent
		return a
	}
	return d.voice("no reporting clause: the article's own voice")
}

// ResolveClause resolves a reporting clause of another sentence (a
// quotation's speaker) with what the document has named so far.
func (d *Doc) ResolveClause(text string, toks []tokens.Token, c Clause) (Attribution, bool) {
	return d.resolve(text, toks, c)
}

// resolve turns a clause into a canonical source.
func (d *Doc) resolve(text string, toks []tokens.Token, c Clause) (Attribution, bool) {
	a := Attribution{Cue: c.Cue, Hedged: c.Hedged}
	if c.Relative {
		// "a report by Seoul's spy agency to lawmakers last week, which
		// said ...": the source is the "by" phrase before.
		for j := c.Verb - 1; j >= 1 && j >= c.Verb-20; j-- {
			if toks[j].Is("by", "from") {
				s, e := nounAfter(toks, j+1)
				if s <= e {
					c.SrcFirst, c.SrcLast = s, e
					break
				}
			}
		}
		if c.SrcFirst == c.SrcLast && toks[c.SrcFirst].Is("which", "that") {
			if d.last != nil {
				l := *d.last
				l.Cue = c.Cue
				return l, true
			}
			return a, false
		}
	}
	srcText := strings.TrimSpace(textSlice(text, toks, c.SrcFirst, c.SrcLast))
	// "Footage shows 10 new hostages", "a video showed": what shows a
	// figure is no one's assertion; whoever aired it is named elsewhere.
	if c.SrcFirst == c.SrcLast && c.SrcLast < len(toks) && toks[c.SrcLast].Is("footage", "video", "videos", "pictures", "images", "photos", "photographs", "tape", "recording", "film") {
		return a, false
	}
	a.SourceText = srcText
	low := strings.ToLower(srcText)
	// ", the agency estimated": the article may sit outside the span.
	if c.SrcFirst > 0 && toks[c.SrcFirst-1].Lower == "the" && !strings.HasPrefix(low, "the ") {
		low = "the " + low
	}
	// Pronouns and definite descriptions refer back: "it added", "the
	// agency said", "he said".
	if isPronoun(low) || isAnaphor(low) || isAnaphor("the "+strings.TrimPrefix(strings.TrimPrefix(low, "its "), "their ")) && (strings.HasPrefix(low, "its ") || strings.HasPrefix(low, "their ")) {
		if l, ok := d.antecedent(low); ok {
			l.Cue, l.SourceText, l.Hedged = c.Cue, srcText, c.Hedged
			l.Via = ""
			return l, true
		}
		if isPronoun(low) {
			return a, false
		}
	}
	// "data from the UN agency", "the world body": the UN body quoted
	// last.
	if d.last != nil && d.last.kind == "un" {
		switch strings.TrimPrefix(low, "the ") {
		case "un agency", "u.n. agency", "un body", "u.n. body", "world body", "un mission", "u.n. mission", "un office", "u.n. office":
			l := *d.last
			l.Cue, l.SourceText, l.Hedged, l.Via = c.Cue, srcText, c.Hedged, ""
			return l, true
		}
	}
	// "ministry spokesperson Ashraf al-Qedra": a spokesperson of a body
	// named only by its generic noun speaks for the body named before.
	if i := spokesIndex(low); i > 0 && d.last != nil && d.last.kind != "person" {
		body := strings.TrimSpace(strings.TrimPrefix(low[:i], "the "))
		// "a UN spokesperson" speaks for the UN, unless the UN body
		// quoted last is meant.
		if isAnaphor("the "+body) && !((body == "un" || body == "u.n.") && d.last.kind != "un") {
			l := *d.last
			l.Cue, l.SourceText, l.Hedged, l.Via = c.Cue, srcText, c.Hedged, ""
			return l, true
		}
	}
	canon, kind, country, ok := d.res.Resolve(srcText)
	// "a UN spokesperson", "the ministry's spokesman": the body speaks.
	if !ok || kind == "person" {
		// (Not "White House spokesman John Kirby": a named person speaks.)
		if i := spokesIndex(strings.ToLower(srcText)); i > 0 && !strings.Contains(strings.TrimSpace(srcText[i:]), " ") {
			body := strings.TrimSuffix(strings.TrimSpace(srcText[:i]), "'s")
			if c2, k2, n2, ok2 := d.res.Resolve(body); ok2 && k2 != "person" {
				canon, kind, country, ok = c2, k2, n2, true
			}
		}
	}
	// "the defence ministry" with no country names the body of the
	// country whose sources the article has been quoting.
	if (!ok || country == "") && d.last != nil && d.last.Country != "" {
		bare := strings.TrimPrefix(strings.TrimPrefix(srcText, "the "), "The ")
		if c2, k2, n2, ok2 := d.res.Resolve(d.last.Country + "'s " + bare); ok2 && n2 != "" {
			canon, kind, country, ok = c2, k2, n2, true
		}
	}
	if ok {
		a.Country = country
		// A body without its country ("Ministry" from "Health
		// Ministry") says less than the text: keep the text.
		if !strings.Contains(canon, " ") && !isUpper(canon) {
			canon = strings.TrimPrefix(strings.TrimPrefix(srcText, "the "), "The ")
		}
		a.Source, a.kind = canon, kind
		return a, true
	}
	// An outlet the table does not know, named with its medium ("NHK
	// television", "public broadcaster NHK", "the daily Asahi"): the
	// name alone, so that one outlet is one source.
	if name := outletName(srcText); name != "" {
		a.Source, a.kind = name, "media"
		return a, true
	}
	if looksLikePerson(toks, c.SrcFirst, c.SrcLast) {
		a.Source, a.kind = d.personName(srcText), "person"
		return a, true
	}
	a.Source = strings.TrimPrefix(strings.TrimPrefix(srcText, "the "), "The ")
	return a, true
}

// personName is the source name of a person named by text: the name
// without its title, and one person one source however outlets
// transliterate the name ("Zelenskyy", "Zelenskiy").
func (d *Doc) personName(text string) string {
	name := sources.PersonName(text)
	if canon, kind, _, ok := d.res.Resolve(name); ok && kind == "person" {
		return canon
	}
	return name
}

// outletName returns the name in an outlet's description — the
// capitalised words left when the medium words are taken out — or "".
func outletName(s string) string {
	words := strings.Fields(strings.TrimPrefix(strings.TrimPrefix(s, "the "), "The "))
	medium := false
	var name []string
	for _, w := range words {
		switch strings.ToLower(strings.Trim(w, ",")) {
		case "television", "tv", "radio", "broadcaster", "public", "state", "state-run", "state-owned", "private",
			"newspaper", "daily", "weekly", "news", "agency", "channel", "station", "website", "network", "outlet":
			medium = true
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return ""
		}
		name = append(name, w)
	}
	if !medium || len(name) == 0 || len(name) > 3 {
		return ""
	}
	n := strings.Join(name, " ")
	if _, _, ok := geo.Lookup(n); ok {
		return "" // "Iraqi television" is a country's, not a name
	}
	return n
}

func isUpper(s string) bool { return strings.ToUpper(s) == s }

// spokesIndex returns where "spokesman", "spokeswoman" or "spokesperson"
// starts in s, or -1.
func spokesIndex(s string) int {
	return strings.Index(s, "spokes")
}

// isAnaphor reports whether a source text is a definite description of a
// source named before: "the agency", "the ministry", "the military".
func isAnaphor(s string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(s), "the ")
	if !ok {
		return false
	}
	// "the latest report", "the most recent statement"
	words := strings.Fields(rest)
	if len(words) == 0 {
		return false
	}
	for _, w := range words[:len(words)-1] {
		switch w {
		case "most", "recent", "latest", "new", "same", "last", "earlier", "previous", "weekly", "daily",
			"monthly", "annual", "preliminary", "final", "full", "initial", "first":
		default:
			return false
		}
	}
	switch words[len(words)-1] {
	case "agency", "ministry", "military", "office", "army", "organization", "organisation", "data", "figures",
		"mission", "spokesman", "spokeswoman", "spokesperson", "minister", "president", "group",
		"statement", "report", "un", "body", "department", "service", "commissioner", "official":
		return true
	}
	return false
}

// looksLikePerson reports whether a source phrase ends in a capitalised
// name: "Ukrainian President Volodymyr Zelensky", "Lee Seong-kweun".
func looksLikePerson(toks []tokens.Token, a, b int) bool {
	if a > b {
		return false
	}
	caps := 0
	for k := a; k <= b; k++ {
		if toks[k].IsCap() {
			caps++
		}
	}
	last := toks[b].IsCap() || b >= a+2 && toks[b-1].Text == "-" && toks[b-2].IsCap()
	// "The Health Ministry" is a body, not a person.
	if isSourceNoun(toks[b].Lower) || sourceModifiers[toks[b].Lower] {
		return false
	}
	return last && caps >= 2 && caps*2 >= b-a+1
}

func textSlice(src string, toks []tokens.Token, a, b int) string {
	if a > b {
		return ""
	}
	return src[toks[a].Start:toks[b].End]
}
