// Package dates finds the date expressions of a sentence ("on Monday",
// "Dec. 16", "yesterday", "last week") and resolves them against the
// document's publication date, for the `date` field of a figure claim:
// "the date the figure was stated".
//
// Conventions, chosen so that a resolved date is always one a reader of the
// article would agree with:
//
//   - A date is a day (YYYY-MM-DD) or nothing. Expressions that name a
//     week, a month or a year ("last week", "earlier this month", "in
//     January") are reported as matches with Date "" rather than a
//     made-up first day: the caller can still see that the sentence is
//     dated, and no series timeline gets a false precision.
//   - A weekday is the most recent such day on or before publication: "on
//     Monday" in an article published on a Monday is that day. "last
//     Monday" is the most recent one strictly before publication.
//   - A date is never after publication. A month and day without a year
//     take the publication year, or the year before when that would fall
//     after publication ("December 28" published 2025-01-05 is
//     2024-12-28). Future expressions ("next week", "December 16, 2030")
//     match with Date "".
//   - "overnight" is the publication day, with Exact false: wire copy uses
//     it for the night that ends on the morning of publication.
//   - Exact is true when the expression names one day.
//
// Month names are taken only when capitalised and, without a day, only
// after a preposition ("in May", "since March") or before a year ("May
// 2024"): "the toll may rise" and "thousands March on the capital" are not
// dates. A capitalised word right after a weekday makes it a name, not a
// date ("the Sunday Times"), as do "Good", "Black", "Bloody" before it.
//
// The matcher is hand-written over ASCII word tokens instead of calling a
// general date parser (go-dateparser, when): it runs on every figure
// sentence, most sentences hold no date word at all and leave after one
// scan without allocating, and the forms news copy uses are few and are
// all tested here, including the ambiguous ones general parsers accept
// ("may", "March", "Sunday Times").
package dates

import (
	"strings"
	"sync"
	"time"
)

// Match is one date expression in a sentence.
type Match struct {
	Start, End int    // byte offsets of Text in the sentence
	Text       string // the expression as written, e.g. "on Monday"
	Date       string // YYYY-MM-DD, or "" when the expression does not fix a day
	Exact      bool   // true when the expression names exactly one day
}

// Find returns the date expressions in sentence, left to right, resolved
// against published (the zero time leaves relative expressions
// unresolved; "December 16, 2024" still resolves).
func Find(sentence string, published time.Time) []Match {
	if !hasTrigger(sentence) {
		return nil
	}
	bp := tokenPool.Get().(*[]token)
	defer tokenPool.Put(bp)
	toks := tokenize((*bp)[:0], sentence)
	*bp = toks
	m := matcher{s: sentence, toks: toks, pub: published}
	if !published.IsZero() {
		y, mo, d := published.Date()
		m.pub = time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
		m.hasPub = true
	}
	var out []Match
	for i := 0; i < len(toks); {
		// Some forms reach back ("two days ago"); never overlap the
		// previous match.
		if mt, next, ok := m.at(i); ok && (len(out) == 0 || mt.Start >= out[len(out)-1].End) {
			out = append(out, mt)
			i = next
			continue
		}
		i++
	}
	return out
}

// Resolve resolves a whole expression such as "on Monday" or "Dec. 16,
// 2024"; ok is false when expr is not one date expression or names no
// single day.
func Resolve(expr string, published time.Time) (string, bool) {
	t := strings.Trim(expr, " \t\n.,;:")
	ms := Find(t, published)
	if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(t) || ms[0].Date == "" {
		return "", false
	}
	return ms[0].Date, true
}

// wordKind classifies the words the matcher reacts to.
type wordKind uint8

const (
	kNone wordKind = iota
	kWeekday
	kMonth     // full month name
	kMonthAbbr // Dec, Sept, ...: only before a day number
	kRelDay    // yesterday, today, tonight, overnight
	kPeriod    // week, month, year
	kAgo
	kPartOfDay // night, morning, afternoon, evening
)

type lexEntry struct {
	kind wordKind
	val  int // weekday (time.Weekday), month (1-12), or day offset
}

// lexicon is keyed by the lower-cased word.
var lexicon = map[string]lexEntry{
	"sunday": {kWeekday, 0}, "monday": {kWeekday, 1}, "tuesday": {kWeekday, 2}, "wednesday": {kWeekday, 3},
	"thursday": {kWeekday, 4}, "friday": {kWeekday, 5}, "saturday": {kWeekday, 6},
	"january": {kMonth, 1}, "february": {kMonth, 2}, "march": {kMonth, 3}, "april": {kMonth, 4},
	"may": {kMonth, 5}, "june": {kMonth, 6}, "july": {kMonth, 7}, "august": {kMonth, 8},
	"september": {kMonth, 9}, "october": {kMonth, 10}, "november": {kMonth, 11}, "december": {kMonth, 12},
	"jan": {kMonthAbbr, 1}, "feb": {kMonthAbbr, 2}, "mar": {kMonthAbbr, 3}, "apr": {kMonthAbbr, 4},
	"jun": {kMonthAbbr, 6}, "jul": {kMonthAbbr, 7}, "aug": {kMonthAbbr, 8}, "sep": {kMonthAbbr, 9},
	"sept": {kMonthAbbr, 9}, "oct": {kMonthAbbr, 10}, "nov": {kMonthAbbr, 11}, "dec": {kMonthAbbr, 12},
	"yesterday": {kRelDay, -1}, "today": {kRelDay, 0}, "tonight": {kRelDay, 0}, "overnight": {kRelDay, 0},
	"week": {kPeriod, 0}, "month": {kPeriod, 0}, "year": {kPeriod, 0},
	"ago":   {kAgo, 0},
	"night": {kPartOfDay, -1}, "morning": {kPartOfDay, 0}, "afternoon": {kPartOfDay, 0}, "evening": {kPartOfDay, 0},
}

// lookup finds w (any case) in the lexicon without allocating.
func lookup(w string) lexEntry {
	if len(w) < 3 || len(w) > 9 {
		return lexEntry{}
	}
	var buf [9]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return lexicon[string(buf[:len(w)])]
}

// hasTrigger is the cheap first pass: does any ASCII word of s name a day,
// month or period, or is there an ISO date? Most sentences stop here.
func hasTrigger(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if isLetter(c) {
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			if lookup(s[i:j]).kind != kNone {
				return true
			}
			i = j
			continue
		}
		if c == '-' && i >= 4 && i+3 < len(s) && isDigitB(s[i-1]) && isDigitB(s[i+1]) && isDigitB(s[i+2]) && s[i+3] == '-' {
			return true
		}
		i++
	}
	return false
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigitB(c byte) bool { return c >= '0' && c <= '9' }

type tokKind uint8

const (
	tWord tokKind = iota
	tNum
	tPunct
)

// token is a run of ASCII letters, a run of digits (with an ordinal
// suffix such as "16th" kept in the token), or one other non-space byte
// sequence (a single punctuation mark or a non-ASCII character).
type token struct {
	start, end int
	kind       tokKind
	text       string
	num        int // value of a tNum (digits only), -1 when too long
	digits     int // number of digits of a tNum
}

// tokenPool recycles token buffers: Find runs on every sentence with a
// figure, and its tokens never outlive the call.
var tokenPool = sync.Pool{New: func() any { return new([]token) }}

func tokenize(toks []token, s string) []token {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isLetter(c):
			j := i
			for j < len(s) && isLetter(s[j]) {
				j++
			}
			toks = append(toks, token{start: i, end: j, kind: tWord, text: s[i:j]})
			i = j
		case isDigitB(c):
			j, n := i, 0
			for j < len(s) && isDigitB(s[j]) {
				if n >= 0 && j-i < 9 {
					n = n*10 + int(s[j]-'0')
				} else {
					n = -1
				}
				j++
			}
			d := j - i
			if j+2 <= len(s) {
				switch strings.ToLower(s[j : j+2]) {
				case "st", "nd", "rd", "th":
					if j+2 == len(s) || !isLetter(s[j+2]) {
						j += 2
					}
				}
			}
			toks = append(toks, token{start: i, end: j, kind: tNum, text: s[i:j], num: n, digits: d})
			i = j
		default:
			j := i + 1
			for j < len(s) && s[j] >= 0x80 && s[j] < 0xc0 { // UTF-8 continuation bytes
				j++
			}
			toks = append(toks, token{start: i, end: j, kind: tPunct, text: s[i:j]})
			i = j
		}
	}
	return toks
}

type matcher struct {
	s      string
	toks   []token
	pub    time.Time // midnight UTC of the publication day
	hasPub bool
}

func (m *matcher) tok(i int) (token, bool) {
	if i < 0 || i >= len(m.toks) {
		return token{}, false
	}
	return m.toks[i], true
}

// wordAt reports whether token i is the word w (any case).
func (m *matcher) wordAt(i int, ws ...string) bool {
	t, ok := m.tok(i)
	if !ok || t.kind != tWord {
		return false
	}
	for _, w := range ws {
		if strings.EqualFold(t.text, w) {
			return true
		}
	}
	return false
}

func (m *matcher) punctAt(i int, p string) bool {
	t, ok := m.tok(i)
	return ok && t.kind == tPunct && t.text == p
}

func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

func (m *matcher) match(from, to int, date string, exact bool) Match {
	a, b := m.toks[from].start, m.toks[to].end
	return Match{Start: a, End: b, Text: m.s[a:b], Date: date, Exact: exact && date != ""}
}

func format(t time.Time) string { return t.Format("2006-01-02") }

// at tries every form at token i; next is the token after the match.
func (m *matcher) at(i int) (Match, int, bool) {
	t := m.toks[i]
	switch t.kind {
	case tNum:
		return m.numberFirst(i)
	case tWord:
	default:
		return Match{}, 0, false
	}
	e := lookup(t.text)
	switch e.kind {
	case kWeekday:
		return m.weekday(i, time.Weekday(e.val))
	case kMonth, kMonthAbbr:
		return m.monthFirst(i, e)
	case kRelDay:
		return m.relDay(i, t, e)
	case kPeriod:
		return m.period(i)
	case kAgo:
		return m.ago(i)
	case kPartOfDay:
		// "last night" is the night before publication; "this
		// morning", "tonight" are the day of publication.
		if strings.EqualFold(t.text, "night") && m.wordAt(i-1, "last") {
			return m.match(i-1, i, m.shift(-1), true), i + 1, true
		}
		if m.wordAt(i-1, "this") {
			return m.match(i-1, i, m.shift(0), true), i + 1, true
		}
	}
	return Match{}, 0, false
}

// shift is publication + days, or "" without a publication date.
func (m *matcher) shift(days int) string {
	if !m.hasPub {
		return ""
	}
	return format(m.pub.AddDate(0, 0, days))
}

// holidays before a weekday make it a name: "Good Friday", "Black Friday".
var holidayWords = []string{"good", "black", "bloody", "holy", "ash", "cyber", "super", "easter", "palm", "shrove", "maundy"}

// partsOfDay after a weekday belong to the expression: "on Sunday night".
var partsOfDay = []string{"night", "morning", "afternoon", "evening"}

// "on Monday", "Monday", "last Monday", "on Sunday night", "Monday's attack",
// "Monday, December 16"; not "Sunday Times", "Good Friday", "next Monday".
func (m *matcher) weekday(i int, wd time.Weekday) (Match, int, bool) {
	t := m.toks[i]
	if !capitalised(t.text) {
		return Match{}, 0, false
	}
	if m.wordAt(i-1, holidayWords...) {
		return Match{}, 0, false
	}
	from, to := i, i
	modifier := ""
	if m.wordAt(i-1, "last", "this", "next", "past") {
		modifier = strings.ToLower(m.toks[i-1].text)
		from = i - 1
		if m.wordAt(i-2, "on") {
			from = i - 2
		}
	} else if m.wordAt(i-1, "on") {
		from = i - 1
	}
	// "Monday, December 16" and "Monday, Dec. 16, 2024": the calendar date wins.
	if nt, ok := m.tok(i + 2); ok && nt.kind == tWord && m.punctAt(i+1, ",") {
		if e := lookup(nt.text); e.kind == kMonth || e.kind == kMonthAbbr {
			if mt, next, ok := m.monthFirst(i+2, e); ok && mt.Exact {
				mt.Start, mt.Text = m.toks[from].start, m.s[m.toks[from].start:mt.End]
				return mt, next, true
			}
		}
	}
	if nt, ok := m.tok(i + 1); ok && nt.kind == tWord && capitalised(nt.text) && modifier == "" && from == i {
		// "the Sunday Times", "Monday Night Football" — a name, unless
		// the next word is itself a part of the day.
		if !m.wordAt(i+1, partsOfDay...) {
			return Match{}, 0, false
		}
	}
	if m.wordAt(i+1, partsOfDay...) {
		to = i + 1
	}
	if modifier == "next" {
		return m.match(from, to, "", false), to + 1, true
	}
	if !m.hasPub {
		return m.match(from, to, "", false), to + 1, true
	}
	back := (int(m.pub.Weekday()) - int(wd) + 7) % 7
	if back == 0 && (modifier == "last" || modifier == "past") {
		back = 7
	}
	return m.match(from, to, format(m.pub.AddDate(0, 0, -back)), true), to + 1, true
}

// monthPreps before a bare month name make it a month, not a verb or a
// modal: "in May", "since March", "mid-January", "early June".
var monthPreps = []string{"in", "since", "until", "till", "by", "during", "from", "through", "before", "after", "of",
	"early", "late", "mid", "last", "this", "next", "end", "beginning"}

// "December 16", "Dec. 16", "December 16, 2024", "Dec 16th", "in January",
// "January 2024", "mid-January"; not "the toll may rise", "they March".
func (m *matcher) monthFirst(i int, e lexEntry) (Match, int, bool) {
	t := m.toks[i]
	if !capitalised(t.text) {
		return Match{}, 0, false
	}
	j := i + 1
	if e.kind == kMonthAbbr && m.punctAt(j, ".") {
		j++
	}
	if d, ok := m.tok(j); ok && d.kind == tNum && d.num >= 1 && d.num <= 31 && d.digits <= 2 {
		to := j
		year := 0
		k := j + 1
		if m.punctAt(k, ",") {
			k++
		}
		if y, ok := m.tok(k); ok && y.kind == tNum && y.digits == 4 && y.end-y.start == 4 {
			year, to = y.num, k
		}
		from := i
		if m.wordAt(i-1, "on") {
			from = i - 1
		}
		date := m.calendar(year, time.Month(e.val), d.num)
		return m.match(from, to, date, true), to + 1, true
	}
	if e.kind == kMonthAbbr {
		return Match{}, 0, false
	}
	// A month without a day never fixes a day.
	if y, ok := m.tok(i + 1); ok && y.kind == tNum && y.digits == 4 && y.end-y.start == 4 {
		from := i
		if m.wordAt(i-1, monthPreps...) {
			from = i - 1
		}
		return m.match(from, i+1, "", false), i + 2, true
	}
	prev := i - 1
	if m.punctAt(prev, "-") { // mid-January
		prev--
	}
	if m.wordAt(prev, monthPreps...) {
		return m.match(prev, i, "", false), i + 1, true
	}
	return Match{}, 0, false
}

// "16 December", "16 Dec. 2024", "on 16th December 2024".
func (m *matcher) numberFirst(i int) (Match, int, bool) {
	d := m.toks[i]
	// "2024-12-16"
	if d.digits == 4 && m.punctAt(i+1, "-") && m.punctAt(i+3, "-") {
		mo, ok1 := m.tok(i + 2)
		dd, ok2 := m.tok(i + 4)
		if ok1 && ok2 && mo.kind == tNum && dd.kind == tNum && mo.digits == 2 && dd.digits == 2 &&
			mo.end-mo.start == 2 && dd.end-dd.start == 2 && mo.start == d.end+1 && dd.start == mo.end+1 &&
			(i+5 >= len(m.toks) || m.toks[i+5].start > dd.end || m.toks[i+5].kind != tNum) {
			return m.match(i, i+4, m.calendar(d.num, time.Month(mo.num), dd.num), true), i + 5, true
		}
	}
	if d.num < 1 || d.num > 31 || d.digits > 2 {
		return Match{}, 0, false
	}
	mt, ok := m.tok(i + 1)
	if !ok || mt.kind != tWord || !capitalised(mt.text) {
		return Match{}, 0, false
	}
	e := lookup(mt.text)
	if e.kind != kMonth && e.kind != kMonthAbbr {
		return Match{}, 0, false
	}
	// "3 March protesters" is rare next to "3 March"; but a count before
	// "May" is usually the modal: "3 may die".
	to := i + 1
	if e.kind == kMonthAbbr && m.punctAt(to+1, ".") {
		to++
	}
	year := 0
	if y, ok := m.tok(to + 1); ok && y.kind == tNum && y.digits == 4 && y.end-y.start == 4 {
		year, to = y.num, to+1
	}
	from := i
	if m.wordAt(i-1, "on") {
		from = i - 1
	}
	return m.match(from, to, m.calendar(year, time.Month(e.val), d.num), true), to + 1, true
}

// calendar resolves a month and day (year 0: not written) to a date on or
// before publication, or "" when it is not a real day or lies after it.
func (m *matcher) calendar(year int, mo time.Month, day int) string {
	if mo < 1 || mo > 12 || day < 1 || day > 31 {
		return ""
	}
	if year == 0 {
		if !m.hasPub {
			return ""
		}
		year = m.pub.Year()
		t := time.Date(year, mo, day, 0, 0, 0, 0, time.UTC)
		if t.After(m.pub) {
			year--
		}
	}
	t := time.Date(year, mo, day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day { // February 30 normalised to March
		return ""
	}
	if m.hasPub && t.After(m.pub) {
		return ""
	}
	return format(t)
}

// "yesterday", "today", "earlier today", "tonight", "overnight".
func (m *matcher) relDay(i int, t token, e lexEntry) (Match, int, bool) {
	from := i
	if m.wordAt(i-1, "earlier", "later") && strings.EqualFold(t.text, "today") {
		from = i - 1
	}
	exact := !strings.EqualFold(t.text, "overnight")
	return m.match(from, i, m.shift(e.val), exact), i + 1, true
}

// "last week", "this week", "earlier this month", "last month", "next
// year"; and "two days ago", "3 days ago" (see agoCount).
func (m *matcher) period(i int) (Match, int, bool) {
	if m.wordAt(i-1, "last", "this", "next", "past") {
		from := i - 1
		if m.wordAt(i-1, "this") && m.wordAt(i-2, "earlier", "later") {
			from = i - 2
		}
		return m.match(from, i, "", false), i + 1, true
	}
	return Match{}, 0, false
}

// agoWords are the counts "N days ago" takes in words.
var agoWords = map[string]int{"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10}

// "two days ago", "3 days ago", "a day ago"; "a week ago" is no day.
func (m *matcher) ago(i int) (Match, int, bool) {
	if !m.wordAt(i-1, "day", "days") {
		if m.wordAt(i-1, "week", "weeks", "month", "months", "year", "years") && i >= 2 && m.toks[i-2].kind != tPunct {
			return m.match(i-2, i, "", false), i + 1, true
		}
		return Match{}, 0, false
	}
	c, ok := m.tok(i - 2)
	if !ok {
		return Match{}, 0, false
	}
	n := 0
	switch c.kind {
	case tNum:
		if c.digits <= 2 && c.end-c.start == c.digits {
			n = c.num
		}
	case tWord:
		n = agoWords[strings.ToLower(c.text)]
	}
	if n < 1 || n > 31 {
		return Match{}, 0, false
	}
	return m.match(i-2, i, m.shift(-n), true), i + 1, true
}
