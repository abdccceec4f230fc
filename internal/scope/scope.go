// Package scope reads from a figure's sentence what its count covers:
// one incident's toll, a running total, a closed period's total, a part
// of another figure, or a figure for another event given as context
// (claim.Scope*), and which incident or period it is ("bombing", "quake",
// "day"). The series logic uses it to keep figures that measure different
// things out of one series, and subsets and background figures out of
// every comparison.
//
// It is the fallback for figures whose Scope extraction left empty:
// extraction, which has the sentence's dependency tree, can decide better
// and fills claim.Figure.Scope; Of then keeps that scope and only reads
// the label. The rules here read words near the number, in the order
// given in Of, and are meant to be explained in one paragraph each
// (internal/series/doc.go), not to be clever.
package scope

import (
	"strings"

	"github.com/tally-news/tally/internal/claim"
)

// Reading is what Of makes of a figure.
type Reading struct {
	// Scope is one of the claim.Scope* values, or "" when nothing in the
	// sentence decides it.
	Scope string
	// Label names the incident or period the figure belongs to: an event
	// class ("bombing", "quake", "fighting", "shipwreck") or a period
	// ("day", "month", "june", "2017"); "" when the sentence names none.
	Label string
	// Whole is set when the sentence gives its count as the whole of what
	// it counts so far ("the toll rose to 21", "has so far left 101 dead",
	// "a total of 300"): the smaller figures its story gives for the same
	// incident are parts of it (internal/series).
	Whole bool
}

// Of reads a figure's scope and label. A scope set by extraction is kept.
//
// The order, first match wins:
//  1. subset: "including", "among them", "of whom" just before the
//     number, or "of them", "of the …", "among the dead", "others",
//     "more" just after it;
//  2. background: a "when" clause after a past time ("since 2004, when
//     300 died"), or "a similar / previous / earlier attack … killed";
//  3. period: a closed period next to the number ("in a single day",
//     "a day", "in June", "over the past week", "last year", "during
//     2017", "the first six months of 2025");
//  4. incident: the sentence names an event that has a toll of its own
//     (an attack, a bombing, a quake, a flood, a shipwreck, a hostage
//     taking…), the one nearest the number giving the label — but not
//     "battle", "fighting", "combat" or "hostages" in a sentence in the
//     perfect ("have been killed since going into battle", "have been
//     kidnapped since 2014"), which is a war's fighting or a running
//     count of captives;
//  5. cumulative: a war or a conflict is named ("killed in the war"),
//     or the count runs "since" something, "so far", "to date", "in
//     total";
//  6. otherwise "": the series logic decides from the rest of the story.
//
// Whole is read apart from the scope: an incident's toll can be its whole
// so far ("the toll from the quake rose to 3,100").
func Of(f *claim.Figure) Reading {
	t := newText(f)
	label, kind := t.event()
	period := t.period()
	scope := f.Scope
	if scope == "" {
		switch {
		case t.subset():
			scope = claim.ScopeSubset
		case t.background():
			scope = claim.ScopeBackground
		case period != "":
			scope = claim.ScopePeriod
		case kind == incidentEvent:
			scope = claim.ScopeIncident
		case kind == conflictEvent || t.cumulative():
			scope = claim.ScopeCumulative
		}
	}
	r := Reading{Scope: scope, Whole: t.whole()}
	switch {
	case scope == claim.ScopePeriod && period != "":
		r.Label = period
	case kind == incidentEvent:
		r.Label = label
	case period != "":
		r.Label = period
	}
	return r
}

// Event is the label of the incident a headline or any other text names
// ("Flood toll rises to 21": "flood"), or "" when it names none or names
// a war. The series logic reads a document's title with it for figures
// whose own sentence names no event.
func Event(s string) string {
	t := newText(&claim.Figure{Sentence: s})
	t.lo, t.hi = 0, 0
	for i := range t.words {
		if _, kind, ok := t.eventAt(i); ok && kind == conflictEvent {
			return ""
		}
	}
	for i := range t.words {
		if label, kind, ok := t.eventAt(i); ok && kind == incidentEvent {
			return label
		}
	}
	return ""
}

// Compatible reports whether two labels may name one incident: equal, or
// one of them the generic "attack" and the other a kind of attack (a
// report calls the bombing an attack), or an explosion and a bombing.
func Compatible(a, b string) bool {
	if a == b {
		return true
	}
	if a > b {
		a, b = b, a
	}
	switch {
	case a == "attack" || b == "attack":
		return violent[a] && violent[b]
	case a == "bombing" && b == "explosion":
		return true
	}
	return false
}

// violent are the labels the generic "attack" may stand for.
var violent = map[string]bool{
	"attack": true, "bombing": true, "explosion": true, "airstrike": true, "shelling": true,
	"shooting": true, "fighting": true, "massacre": true, "killing": true,
}

// word is one word of a sentence, lower-cased, with its byte offsets and
// whether a clause boundary (, ; : ( ) – —) comes before it.
type word struct {
	w          string
	start, end int
	boundary   bool
}

// text is a figure's sentence cut into words, with the number phrase's
// word range [lo, hi).
type text struct {
	words  []word
	ws     []string // the words' strings, for before and after to slice
	lo, hi int
}

func newText(f *claim.Figure) *text {
	s := f.Sentence
	a, b := numberBounds(f)
	// Lower-cased once, ASCII only so that offsets stay those of s; words
	// are slices of it, not allocations of their own.
	low := asciiLower(s)
	t := &text{words: make([]word, 0, len(s)/5+1)}
	boundary := false
	for i := 0; i < len(s); {
		c := s[i]
		if isWordByte(c) {
			j := i
			for j < len(s) && (isWordByte(s[j]) || (s[j] == '\'' || s[j] == '-' || s[j] == '.' || s[j] == ',') && j+1 < len(s) && isWordByte(s[j+1]) && (s[j] != ',' && s[j] != '.' || isDigit(s[j-1]) && isDigit(s[j+1]))) {
				j++
			}
			w := low[i:j]
			// A possessive is the noun: "the quake's toll".
			w = strings.TrimSuffix(w, "'s")
			if strings.HasPrefix(s[j:], "’s") {
				j += len("’s")
			}
			t.words = append(t.words, word{w: w, start: i, end: j, boundary: boundary})
			boundary = false
			i = j
			continue
		}
		switch c {
		case ',', ';', ':', '(', ')', '"', '|':
			boundary = true
		case 0xe2: // – — “ ”
			boundary = true
		case '-':
			if i+1 < len(s) && s[i+1] == ' ' || i > 0 && s[i-1] == ' ' {
				boundary = true
			}
		}
		i++
	}
	t.ws = make([]string, len(t.words))
	for i := range t.words {
		t.ws[i] = t.words[i].w
	}
	t.lo, t.hi = len(t.words), len(t.words)
	for i, w := range t.words {
		if w.end > a && t.lo == len(t.words) {
			t.lo = i
		}
		if w.start < b {
			t.hi = i + 1
		}
	}
	if t.hi < t.lo {
		t.hi = t.lo
	}
	return t
}

// numberBounds finds the number phrase in the sentence: by the spans when
// they agree with the text, else by searching for it.
func numberBounds(f *claim.Figure) (int, int) {
	s := f.Sentence
	a, b := f.Span[0]-f.SentenceSpan[0], f.Span[1]-f.SentenceSpan[0]
	if n := len(f.NumberText); a >= 0 && a+n <= len(s) && n > 0 && s[a:a+n] == f.NumberText {
		return a, a + n
	}
	if f.SentenceSpan[1] > f.SentenceSpan[0] && a >= 0 && a < b && b <= len(s) {
		return a, b // the phrase rewritten (a derived figure), the span still its own
	}
	if f.NumberText != "" {
		if i := strings.Index(strings.ToLower(s), strings.ToLower(f.NumberText)); i >= 0 {
			return i, i + len(f.NumberText)
		}
	}
	return 0, 0
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c >= 0x80 && c != 0xe2
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// at is the word at i, or "" outside the sentence.
func (t *text) at(i int) string {
	if i < 0 || i >= len(t.words) {
		return ""
	}
	return t.words[i].w
}

// before are up to n words before the number phrase, nearest last, not
// crossing a clause boundary.
func (t *text) before(n int) []string {
	i := t.lo
	for i > 0 && t.lo-i < n {
		i--
		if t.words[i].boundary {
			break
		}
	}
	return t.ws[i:t.lo:t.lo]
}

// asciiLower lower-cases the ASCII letters of s, leaving every other byte
// (and so every offset) as it is.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for k := i; k < len(b); k++ {
				if c := b[k]; c >= 'A' && c <= 'Z' {
					b[k] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// after are up to n words after the number phrase, not crossing a clause
// boundary.
func (t *text) after(n int) []string {
	j := t.hi
	for j < len(t.words) && j-t.hi < n && (j == t.hi || !t.words[j].boundary) {
		j++
	}
	return t.ws[t.hi:j:j]
}

func endsWith(ws []string, tail ...string) bool {
	if len(tail) > len(ws) {
		return false
	}
	for i, w := range tail {
		if ws[len(ws)-len(tail)+i] != w {
			return false
		}
	}
	return true
}

func startsWith(ws []string, head ...string) bool {
	if len(head) > len(ws) {
		return false
	}
	for i, w := range head {
		if ws[i] != w {
			return false
		}
	}
	return true
}

func contains(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// subset: "including 20 children", "among them 5", "20 of them", "3,000
// of the 12,000", "five were among the dead", "three others", "two more".
func (t *text) subset() bool {
	b := t.before(3)
	for _, w := range []string{"including", "includes", "included", "include"} {
		if endsWith(b, w) || endsWith(b, w, "at", "least") || endsWith(b, w, "the") || endsWith(b, w, "an") || endsWith(b, w, "some") {
			return true
		}
	}
	for _, tail := range [][]string{{"among", "them"}, {"among", "whom"}, {"among", "those"}, {"of", "whom"}, {"of", "them"}, {"of", "which"}} {
		if endsWith(b, tail...) {
			return true
		}
	}
	a := t.after(6)
	if len(a) >= 1 && (a[0] == "others" || a[0] == "other" || a[0] == "more") && !t.vague() && !t.numberBefore() {
		// "three others died in the same incident", "two more were
		// found": a count added to one in an earlier sentence, not an
		// estimate of it — but "killing 12 and wounding 30 others" is the
		// whole count of the wounded.
		return true
	}
	if len(a) >= 2 && a[0] == "of" {
		// Right after the number: "five of the captives", "3,000 of the
		// 12,000", "20 of them" — but not a vague word's partitive
		// ("thousands of the residents"): a vague number is a quantity.
		switch a[1] {
		case "them", "whom", "those", "these":
			return true
		case "the":
			return !t.vague()
		}
		return len(a[1]) > 0 && isDigit(a[1][0]) && !t.vague()
	}
	// "five children were among the dead": the counted noun first.
	for k := 0; k < len(a) && k < 3; k++ {
		if a[k] == "among" && (k == 0 || a[k-1] == "were" || a[k-1] == "was") {
			return true
		}
	}
	return false
}

// numberBefore reports a number in the sentence before the number phrase.
func (t *text) numberBefore() bool {
	for i := 0; i < t.lo; i++ {
		if w := t.words[i].w; isDigit(w[0]) || numberWords[w] {
			return true
		}
	}
	return false
}

// reporting are the reporting verbs whose time ("said last month") dates
// the statement, not the count.
var reporting = map[string]bool{"said": true, "says": true, "told": true, "reported": true, "announced": true,
	"estimated": true, "warned": true}

// numberWords are the number words a sentence counts people with.
var numberWords = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true, "dozen": true,
	"dozens": true, "hundred": true, "hundreds": true, "thousand": true, "thousands": true, "scores": true}

// vague reports a number phrase that is a word like "thousands".
func (t *text) vague() bool {
	for i := t.lo; i < t.hi; i++ {
		switch t.words[i].w {
		case "dozens", "hundreds", "thousands", "scores", "millions", "tens", "several":
			return true
		}
	}
	return false
}

// background: the figure belongs to an earlier or another event — "the
// worst since 2004, when 300 people died", "up 54 per cent on the same
// stretch of 2024, a period in which 4,381 were recorded", "a similar
// attack killed 12".
func (t *text) background() bool {
	b := t.before(6)
	// "when" just before the number, after a past time.
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if b[i] != "when" && b[i] != "after" && !(b[i] == "which" && i > 0 && (b[i-1] == "in" || b[i-1] == "during")) {
			continue
		}
		start := t.lo - (len(b) - i)
		for j := start - 1; j >= 0 && j >= start-6; j-- {
			if pastTime(t.at(j), t.at(j+1)) {
				return true
			}
		}
	}
	for i, w := range b {
		if (w == "similar" || w == "previous" || w == "earlier") && i+1 < len(b) && eventWord(b[i+1]) {
			return true
		}
	}
	return false
}

// pastTime is a word (with the next) naming a past time: a year, "ago",
// "last year".
func pastTime(w, next string) bool {
	switch {
	case len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && allDigits(w):
		return true
	case w == "ago", w == "since":
		return true
	case w == "last" && (next == "year" || next == "month" || next == "week"):
		return true
	}
	return months[w] != ""
}

// isYear reports a four-digit year of the 1900s or 2000s.
func isYear(s string) bool {
	return len(s) == 4 && (s[:2] == "19" || s[:2] == "20") && allDigits(s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// cumulative: the count runs over an open period — "since", "so far",
// "to date", "in total", "a total of", "the total", "in all", "overall",
// "altogether", "onward".
func (t *text) cumulative() bool {
	if t.soFar() {
		return true
	}
	for i, w := range t.words {
		switch w.w {
		case "since", "cumulative", "cumulatively", "onward", "onwards":
			return true
		case "total":
			if t.at(i-1) == "the" {
				return true
			}
		case "all":
			if t.at(i-1) == "in" && i > t.lo {
				return true
			}
		}
	}
	return false
}

// soFar: the sentence says its count is all there is so far — "so far",
// "to date", "in total", "a total of", "overall", "altogether".
func (t *text) soFar() bool {
	for i, w := range t.words {
		switch w.w {
		case "overall", "altogether":
			return true
		case "far":
			if t.at(i-1) == "so" {
				return true
			}
		case "date":
			if t.at(i-1) == "to" {
				return true
			}
		case "total":
			if p := t.at(i - 1); p == "in" || p == "a" {
				return true
			}
		}
	}
	return false
}

// whole: the count is given as the whole so far (soFar), or as a toll
// that "rose to", "reached", "climbed to", "passed" or "stands at" the
// number.
func (t *text) whole() bool {
	if t.soFar() {
		return true
	}
	b := t.before(3)
	for _, tail := range [][]string{{"rose", "to"}, {"risen", "to"}, {"rises", "to"}, {"climbed", "to"}, {"jumped", "to"},
		{"reached"}, {"passed"}, {"topped"}, {"stands", "at"}, {"stood", "at"}, {"toll", "of"}} {
		if endsWith(b, tail...) {
			return true
		}
	}
	return false
}

// period reads a closed period next to the number: "in a single day", "a
// day", "in June", "last year", "during 2017"; "" when none.
func (t *text) period() string {
	// "in the first six months of 2025", "over the past three weeks":
	// the year when one follows, else the span's unit.
	if a := t.after(12); true {
		for i := 1; i < len(a); i++ {
			if a[i] != "months" && a[i] != "weeks" {
				continue
			}
			if p := a[i-1]; p != "first" && p != "last" && p != "past" && !numberWords[p] && !isDigit(p[0]) {
				continue
			}
			if i+2 < len(a) && a[i+1] == "of" && isYear(a[i+2]) {
				return a[i+2]
			}
			if q := a[max(i-2, 0)]; q == "first" || q == "last" || q == "past" || a[i-1] == "first" || a[i-1] == "past" || a[i-1] == "last" {
				return strings.TrimSuffix(a[i], "s")
			}
		}
	}
	a := t.after(8)
	b := t.before(4)
	look := append(append([]string{}, b...), a...)
	for i, w := range look {
		next := ""
		if i+1 < len(look) {
			next = look[i+1]
		}
		prev := ""
		if i > 0 {
			prev = look[i-1]
		}
		switch {
		case (w == "day" || w == "week" || w == "month" || w == "year") && next != "ago" && (prev == "a" || prev == "per" || prev == "each" || prev == "every" || prev == "single" || prev == "one"):
			return w
		case w == "daily":
			return "day"
		case w == "monthly":
			return "month"
		case w == "hours" && (prev == "24" || prev == "48"):
			return "day"
		case w == "week" && prev == "past":
			return w
		case (w == "month" || w == "year") && next != "ago" && (prev == "last" || prev == "this" || prev == "past") &&
			!(i >= 2 && reporting[look[i-2]]):
			// Not "last week", "earlier this week": those date an
			// incident; nor "said last month": that dates the statement.
			return w
		case months[w] != "" && (prev == "in" || prev == "during" || next == "alone" || next == "saw"):
			return months[w]
		case len(w) == 4 && allDigits(w) && (w[:2] == "19" || w[:2] == "20") && (prev == "in" || prev == "during" || prev == "for" || prev == "of"):
			return w
		}
	}
	return ""
}

var months = map[string]string{
	"january": "january", "february": "february", "march": "march", "april": "april", "june": "june",
	"july": "july", "august": "august", "september": "september", "october": "october", "november": "november",
	"december": "december", "jan": "january", "feb": "february", "sept": "september", "oct": "october",
	"nov": "november", "dec": "december",
}

// eventKind tells an event with a toll of its own from a war or a
// conflict, whose figures are running totals.
type eventKind int

const (
	noEvent eventKind = iota
	incidentEvent
	conflictEvent
)

// event finds the event the number belongs to: its label and kind. The
// nearest incident word wins, one in the number's own clause over any
// across a boundary ("the deadliest attack since 2004, when 300 died in a
// bombing": the bombing). A war or conflict word wins over it only when it
// is close by in the same clause ("killed in the war"), since a bombing
// in a war-torn country is still one bombing; with no incident word, a
// war word further off makes the figure a running total when the verb is
// in the perfect ("The war … has left 12 million displaced"), not in "the
// killing of two clerics could be part of a slide toward civil war".
func (t *text) event() (string, eventKind) {
	inc, incDist := -1, 1<<30
	war, warDist := -1, 1<<30
	for i := range t.words {
		if i >= t.lo && i < t.hi {
			continue
		}
		_, kind, ok := t.eventAt(i)
		if !ok {
			continue
		}
		d := t.lo - i
		if i >= t.hi {
			d = i - t.hi + 1
		}
		if t.crosses(i) {
			d += 1 << 20
		}
		if kind == conflictEvent {
			if d < warDist {
				war, warDist = i, d
			}
		} else if d < incDist {
			inc, incDist = i, d
		}
	}
	switch {
	case war >= 0 && warDist <= 6 && warDist < incDist, war >= 0 && inc < 0 && t.perfect():
		return "war", conflictEvent
	case inc >= 0:
		label, kind, _ := t.eventAt(inc)
		return label, kind
	}
	return "", noEvent
}

// crosses reports a clause boundary between word i and the number.
func (t *text) crosses(i int) bool {
	lo, hi := i+1, t.lo // boundaries are marked on the word after them
	if i >= t.hi {
		lo, hi = t.hi, i
	}
	for k := lo; k <= hi && k < len(t.words); k++ {
		if t.words[k].boundary {
			return true
		}
	}
	return false
}

// eventAt reads the event word at i, if it is one.
func (t *text) eventAt(i int) (string, eventKind, bool) {
	w := t.words[i].w
	if conflicts[w] {
		if w == "war" && (t.at(i+1) == "crimes" || t.at(i+1) == "criminal" || t.at(i-1) == "of" && strings.HasPrefix(t.at(i-2), "prisoner")) {
			return "", noEvent, false // war crimes, prisoners of war
		}
		return "war", conflictEvent, true
	}
	if l, ok := needsNoun[w]; ok {
		// "fighting" and "strike" are events only as nouns: "in fierce
		// fighting", "an air strike" — not "fighting alongside", "a
		// strike by workers".
		if !nounBefore[t.at(i-1)] || w == "fighting" && t.perfect() {
			return "", noEvent, false
		}
		if w == "violence" && !freshBefore[t.at(i-1)] {
			// "in violence since the invasion" is a war's; "renewed
			// violence", "a wave of violence" is one outbreak.
			return "", noEvent, false
		}
		if w == "strike" || w == "strikes" {
			p := t.at(i - 1)
			if p != "air" && p != "missile" && p != "drone" && p != "rocket" {
				return "", noEvent, false
			}
		}
		return l, incidentEvent, true
	}
	if l, ok := incidents[w]; ok {
		if ongoing[w] && t.perfect() {
			// "had been killed or wounded since going into battle": the
			// war's fighting, not one clash.
			return "", noEvent, false
		}
		return l, incidentEvent, true
	}
	return "", noEvent, false
}

// ongoing are fighting words that name a war's fighting as often as one
// clash; in a sentence in the perfect ("have been killed"), they do.
var ongoing = map[string]bool{"battle": true, "battles": true, "offensive": true, "fighting": true, "combat": true,
	// "have been kidnapped since 2014", "has been holding 59 hostages": a
	// running count of captives, not one kidnapping.
	"kidnapped": true, "abducted": true, "hostage": true, "hostages": true}

// participles are irregular past participles of the verbs that state
// tolls.
var participles = map[string]bool{"lost": true, "taken": true, "left": true, "fled": true, "seen": true,
	"driven": true, "made": true, "cost": true, "risen": true, "grown": true, "hit": true, "held": true,
	"brought": true, "become": true, "gone": true, "known": true, "fallen": true}

// perfect reports a verb in the perfect in the number's clause: "have
// been killed", "had lost", "has suffered" — the tense of running totals
// — but not in another clause ("died in combat on Tuesday, while talks
// on a ceasefire that has proved elusive…").
func (t *text) perfect() bool {
	from, to := t.lo, t.hi
	for from > 0 && !t.words[from].boundary {
		from--
	}
	for to < len(t.words) && !t.words[to].boundary {
		to++
	}
	for i := from; i < to; i++ {
		if w := t.words[i]; w.w != "have" && w.w != "has" && w.w != "had" && w.w != "'ve" {
			continue
		}
		for k := i + 1; k <= i+3 && k < len(t.words); k++ {
			n := t.words[k].w
			if n == "been" || strings.HasSuffix(n, "ed") || participles[n] {
				return true
			}
		}
	}
	return false
}

// eventWord reports a word that names an incident (for "a similar
// attack").
func eventWord(w string) bool {
	_, ok := incidents[w]
	_, ok2 := needsNoun[w]
	return ok || ok2
}

// incidents map words naming an event with a toll of its own to its label.
var incidents = map[string]string{
	"attack": "attack", "attacks": "attack", "attacked": "attack", "assault": "attack", "raid": "attack",
	"raids": "attack", "ambush": "attack", "ambushed": "attack", "rampage": "attack",
	"bomb": "bombing", "bombs": "bombing", "bombing": "bombing", "bombings": "bombing", "bomber": "bombing",
	"bombers": "bombing", "bombed": "bombing", "car-bomb": "bombing", "suicide-bomb": "bombing",
	"blast": "explosion", "blasts": "explosion", "explosion": "explosion", "explosions": "explosion",
	"detonated": "bombing", "ied": "bombing",
	"airstrike": "airstrike", "airstrikes": "airstrike", "air-strike": "airstrike", "air-strikes": "airstrike",
	"shelling": "shelling", "shelled": "shelling", "mortar": "shelling", "mortars": "shelling",
	"rocket": "shelling", "rockets": "shelling", "missile": "shelling", "missiles": "shelling",
	"shooting": "shooting", "shootings": "shooting", "gunfire": "shooting", "gunmen": "shooting",
	"massacre": "massacre", "massacred": "massacre", "slaughter": "massacre",
	"execution": "killing", "executions": "killing", "executed": "killing", "beheading": "killing",
	"beheaded": "killing", "beheadings": "killing", "assassination": "killing",
	"clash": "fighting", "clashes": "fighting", "clashed": "fighting", "battle": "fighting",
	"battles": "fighting", "firefight": "fighting", "skirmish": "fighting", "skirmishes": "fighting",
	"offensive": "fighting", "seizure": "fighting", "takeover": "fighting",
	"earthquake": "quake", "earthquakes": "quake", "quake": "quake", "quakes": "quake", "tremor": "quake",
	"aftershock": "quake", "aftershocks": "quake", "tsunami": "tsunami",
	"flood": "flood", "floods": "flood", "flooding": "flood", "floodwaters": "flood", "deluge": "flood",
	"storm": "storm", "storms": "storm", "typhoon": "storm", "hurricane": "storm", "cyclone": "storm",
	"tornado": "storm", "tornadoes": "storm", "landslide": "landslide", "landslides": "landslide",
	"mudslide": "landslide", "mudslides": "landslide", "avalanche": "landslide",
	"fire": "fire", "fires": "fire", "blaze": "fire", "wildfire": "fire", "wildfires": "fire", "inferno": "fire",
	"eruption": "eruption", "volcano": "eruption", "heatwave": "heatwave",
	"crash": "crash", "crashed": "crash", "crashes": "crash", "collision": "crash", "collided": "crash",
	"derailment": "crash", "derailed": "crash", "accident": "crash",
	"shipwreck": "shipwreck", "shipwrecks": "shipwreck", "capsized": "shipwreck", "capsizes": "shipwreck",
	"capsize": "shipwreck", "sank": "shipwreck", "sinking": "shipwreck", "sinks": "shipwreck",
	"stampede": "stampede", "crush": "stampede", "collapse": "collapse", "collapsed": "collapse",
	"protest": "protests", "protests": "protests", "protesters": "protests", "demonstrations": "protests",
	"demonstrators": "protests", "riot": "protests", "riots": "protests", "unrest": "protests",
	"crackdown": "protests", "outbreak": "outbreak", "epidemic": "outbreak", "cholera": "outbreak",
	"ebola": "outbreak", "siege": "siege", "standoff": "siege", "kidnapping": "kidnapping",
	"abduction": "kidnapping", "kidnapped": "kidnapping", "abducted": "kidnapping", "kidnappers": "kidnapping",
	"abductors": "kidnapping", "kidnap": "kidnapping", "hostage": "kidnapping", "hostages": "kidnapping",
	"combat": "fighting",
}

// needsNoun are incident words that are events only after a determiner or
// an adjective.
var needsNoun = map[string]string{
	"fighting": "fighting", "strike": "airstrike", "strikes": "airstrike",
	"killing": "killing", "killings": "killing", "advance": "fighting", "violence": "attack",
}

// freshBefore are the words that make "violence" one outbreak of it.
var freshBefore = map[string]bool{"fresh": true, "renewed": true, "new": true, "latest": true, "overnight": true, "weekend": true, "of": true}

// nounBefore are words before which "fighting" or "strike" is a noun.
var nounBefore = map[string]bool{
	"in": true, "the": true, "of": true, "fierce": true, "heavy": true, "renewed": true, "intense": true,
	"street": true, "factional": true, "overnight": true, "air": true, "missile": true, "drone": true,
	"rocket": true, "an": true, "a": true, "israeli": true, "russian": true, "u.s.": true, "us": true,
	"fresh": true, "new": true, "latest": true, "weekend": true, "significant": true,
	"brutal": true, "sectarian": true, "two": true, "three": true, "separate": true,
}

// conflicts are words naming a war or a conflict: the figures they govern
// are running totals.
var conflicts = map[string]bool{
	"war": true, "wars": true, "conflict": true, "insurgency": true, "invasion": true, "occupation": true,
	"uprising": true, "revolution": true, "genocide": true, "terrorism": true, "civil-war": true,
}
