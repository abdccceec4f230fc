// Package furniture drops page furniture from article text: reader and
// donation appeals, newsletter and subscription boxes, "Read more:" links,
// share bars, cookie notices, photo credits and the like.
//
// Extraction libraries (and the people who paste articles into JSONL files)
// let these lines through, and they are full of traps for the figure
// extractor: "please support us monthly starting from just $2", "Join 50,000
// readers", "You've read 9 articles this year".
//
// The filter works line by line, on the ORIGINAL text: Keep returns the byte
// ranges of the lines that are article content, so later stages keep offsets
// into the text they were given. Each line is classified by lowercase
// prefix, exact and substring checks; there is no regular expression, since
// this runs on every document (see BenchmarkKeep).
//
// Appeals are blocks, not lines. Once an appeal starts ("A Message from The
// Moscow Times:", "Dear readers,", "Support independent journalism") every
// following line that still reads like an appeal — it speaks to the reader
// or for the newsroom (we, our, you, your) or about supporting, donating,
// subscribing — is dropped too; the first line that does not (a third-person
// article sentence, or one that quotes a source: "said", "told") ends the
// block. A short line inside an appeal (a button: "Remind me later.",
// "Monthly", "$5") is dropped as well.
package furniture

import (
	"strings"
	"unicode/utf8"
)

// Keep returns the byte ranges [start, end) of text that are article
// content, in order: one range per kept line, with surrounding white space
// (and a trailing "\r") left out. Blank lines are never returned.
func Keep(text string) [][2]int {
	var f filter
	var kept [][2]int
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		s, e := trimSpace(text, start, end)
		if s < e {
			switch f.classify(text[s:e]) {
			case keepLine:
				kept = append(kept, [2]int{s, e})
			case dropAppeal:
				kept = sweepBack(text, kept)
			}
		}
		start = end + 1
	}
	return kept
}

// Clean returns the kept lines of text joined by "\n". Use Keep when offsets
// into text matter.
func Clean(text string) string {
	spans := Keep(text)
	n := 0
	for _, sp := range spans {
		n += sp[1] - sp[0] + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i, sp := range spans {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(text[sp[0]:sp[1]])
	}
	return b.String()
}

// verdict is what classify decides for one line.
type verdict uint8

const (
	keepLine   verdict = iota
	dropLine           // furniture on its own
	dropAppeal         // a strong appeal marker: also look back for its start
)

// filter carries the state between lines: whether an appeal block is open.
type filter struct {
	inAppeal bool
	buf      []byte // lowercased copy of the current line, reused
}

// Line lengths (bytes) above which a line is taken to be prose, not a
// widget: furniture checks that could hit ordinary sentences only apply
// below them.
const (
	shortLine  = 160 // labels, links, credits, buttons
	mediumLine = 400 // cookie notices, newsletter boxes
	buttonLine = 40  // inside an appeal: "Remind me later.", "Monthly"
)

func (f *filter) classify(line string) verdict {
	lc := f.lower(line)
	core := trimPunct(lc)

	if f.inAppeal {
		if len(line) <= buttonLine || appealLike(line, lc, phrases.match(lc)) {
			return dropLine
		}
		f.inAppeal = false
	}

	// A line with no letter or digit: separators ("___", "* * *"), bullets.
	if core == "" {
		return dropLine
	}
	bits := phrases.match(lc)
	if len(lc) <= shortLine {
		if exactLines[core] {
			return dropLine
		}
		if len(core) <= openerLine && !hasDigit(core) && hasPrefix(core, appealOpeners) {
			f.inAppeal = true
			return dropLine
		}
		if bits&(bitShort|bitCredit) != 0 || hasPrefix(core, shortPrefixes) || isMinutesRead(core) || isListMarker(core) {
			return dropLine
		}
	}
	if len(lc) <= mediumLine && (isCookieNotice(bits) || isNewsletterBox(bits) || bits&bitWall != 0) {
		return dropLine
	}
	// Strong appeal phrases, at any length, when the line speaks to the
	// reader and does not report what someone said: "“We need your help,”
	// the mayor told residents" stays.
	if bits&bitMarker != 0 && hasPronoun(line, lc) && !hasReportingCue(lc) && !startsWithQuote(line) {
		f.inAppeal = true
		return dropAppeal
	}
	if bits&bitAnywhere != 0 {
		return dropLine
	}
	return keepLine
}

// sweepBack drops the kept lines just before a strong appeal marker that
// belong to the same appeal: an appeal without an opener line ("We are
// facing unprecedented challenges. … please support us") starts where the
// lines stop talking about supporting the newsroom.
func sweepBack(text string, kept [][2]int) [][2]int {
	var buf []byte
	for len(kept) > 0 {
		sp := kept[len(kept)-1]
		line := text[sp[0]:sp[1]]
		buf = lowerInto(buf[:0], line)
		lc := string(buf)
		if phrases.match(lc)&bitVocab == 0 || !hasPronoun(line, lc) || hasReportingCue(lc) || startsWithQuote(line) {
			break
		}
		kept = kept[:len(kept)-1]
	}
	return kept
}

// appealLike reports whether a line inside an appeal block still belongs
// to it: it talks to the reader or for the newsroom, or about supporting
// it, and does not report what a source said.
//
// A line with a figure in it (a number that is not money or a year) is not
// appeal: figures are what tally is after, and appeals rarely count
// anything but dollars.
func appealLike(line, lc string, bits listBits) bool {
	if hasReportingCue(lc) || hasFigure(lc) {
		return false
	}
	return bits&(bitVocab|bitMarker) != 0 || hasPronoun(line, lc)
}

// lower returns an ASCII-lowercased copy of line with typographic
// apostrophes folded to "'", in a buffer reused across lines.
func (f *filter) lower(line string) string {
	f.buf = lowerInto(f.buf[:0], line)
	return string(f.buf)
}

func lowerInto(buf []byte, s string) []byte {
	if strings.Contains(s, "\xe2\x80") {
		return lowerQuotes(buf, s)
	}
	n := len(buf)
	buf = append(buf, s...)
	for i := n; i < len(buf); i++ {
		if c := buf[i]; 'A' <= c && c <= 'Z' {
			buf[i] = c + 'a' - 'A'
		}
	}
	return buf
}

// lowerQuotes is lowerInto for a line with typographic punctuation.
func lowerQuotes(buf []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x98 || s[i+2] == 0x99):
			// ‘ ’ → '
			buf = append(buf, '\'')
			i += 2
			continue
		}
		buf = append(buf, c)
	}
	return buf
}

// trimSpace narrows [s, e) of text to leave out ASCII white space and
// no-break spaces at both ends.
func trimSpace(text string, s, e int) (int, int) {
	for s < e {
		c := text[s]
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			s++
		} else if c == 0xC2 && s+1 < e && text[s+1] == 0xA0 {
			s += 2
		} else {
			break
		}
	}
	for e > s {
		c := text[e-1]
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			e--
		} else if c == 0xA0 && e-2 >= s && text[e-2] == 0xC2 {
			e -= 2
		} else {
			break
		}
	}
	return s, e
}

// trimPunct strips everything but letters, digits and "$" from both ends of
// a lowercased line, so "— Advertisement —", "Read more »" and "• Share"
// compare as their words.
func trimPunct(lc string) string {
	s, e := 0, len(lc)
	for s < e {
		r, n := utf8.DecodeRuneInString(lc[s:])
		if isWordRune(r) || r == '$' {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(lc[:e])
		if isWordRune(r) {
			break
		}
		e -= n
	}
	return lc[s:e]
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	// Non-ASCII letters (Cyrillic, Korean, accented Latin) are words; the
	// punctuation blocks are not.
	return !(r >= 0x2000 && r <= 0x2BFF) && r != 0xA0 && r != 0xAB && r != 0xBB && r != 0xB7 && r != 0xA9 && r != 0x3000
}

// hasPrefix reports whether s starts with one of prefixes as whole words:
// "donate" matches "Donate now" but not "Donated blankets reached 300
// families".
func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) && (len(s) == len(p) || !isASCIILetter(p[len(p)-1]) || !isASCIILetter(s[len(p)])) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			return true
		}
	}
	return false
}

// hasReportingCue: the line reports what a source said, so it is article
// text even when it says "we" or "your help".
func hasReportingCue(lc string) bool {
	for _, w := range reportingCues {
		if hasWord(lc, w) {
			return true
		}
	}
	return false
}

// reportingCues: words of a news report quoting someone.
var reportingCues = []string{"said", "says", "told", "according", "urged", "wrote", "added", "stated", "pleaded"}

func startsWithQuote(line string) bool {
	return strings.HasPrefix(line, "\"") || strings.HasPrefix(line, "“") || strings.HasPrefix(line, "«") || strings.HasPrefix(line, "„")
}

// hasPronoun reports whether the line speaks to the reader or for the
// newsroom: we, us, our, you, your (and their contractions). "US" in
// capitals is the country, not the pronoun.
func hasPronoun(line, lc string) bool {
	for i := 0; i < len(lc); {
		for i < len(lc) && !isASCIILetter(lc[i]) {
			i++
		}
		j := i
		for j < len(lc) && (isASCIILetter(lc[j]) || lc[j] == '\'') {
			j++
		}
		w := lc[i:j]
		if k := strings.IndexByte(w, '\''); k > 0 {
			w = w[:k] // we're, you've
		}
		switch w {
		case "we", "our", "ours", "you", "your", "yours", "yourself":
			return true
		case "us":
			if line[i:j] != "US" {
				return true
			}
		}
		i = j
	}
	return false
}

// hasWord reports whether w occurs in lc as a whole ASCII word.
func hasWord(lc, w string) bool {
	for off := 0; ; {
		k := strings.Index(lc[off:], w)
		if k < 0 {
			return false
		}
		k += off
		before := k == 0 || !isASCIILetter(lc[k-1])
		after := k+len(w) == len(lc) || !isASCIILetter(lc[k+len(w)])
		if before && after {
			return true
		}
		off = k + 1
	}
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// isMinutesRead: "5 min read", "3 minute read".
func isMinutesRead(core string) bool {
	return len(core) < 30 && (strings.HasSuffix(core, "min read") || strings.HasSuffix(core, "minute read") || strings.HasSuffix(core, "minutes read"))
}

// isListMarker: Al Jazeera's inline related-links widget, "list of 4
// items", "list 1 of 4", "end of list".
func isListMarker(core string) bool {
	return len(core) < 25 && strings.HasPrefix(core, "list ") && strings.Contains(core, " of ")
}

// isCookieNotice: "We use cookies to improve your experience. By
// continuing to browse you accept our cookie policy."
func isCookieNotice(bits listBits) bool {
	return bits&bitCookie != 0 && bits&bitCookieCtx != 0
}

// isNewsletterBox: "Sign up for our daily newsletter", "Get the best of
// Meduza in your inbox", "Enter your email address". A newsletter
// mentioned in a report ("the group's weekly newsletter said 300 people
// were detained") stays.
func isNewsletterBox(bits listBits) bool {
	return bits&bitNewsletter != 0 && bits&bitNewsCtx != 0 || bits&bitInbox != 0
}

// hasFigure reports whether lc has a number that is neither money ("$2",
// "£5", "€10", "₽500") nor a year (1900-2099).
func hasFigure(lc string) bool {
	for i := 0; i < len(lc); i++ {
		if lc[i] < '0' || lc[i] > '9' {
			continue
		}
		j := i
		for j < len(lc) && ('0' <= lc[j] && lc[j] <= '9' || (lc[j] == ',' || lc[j] == '.') && j+1 < len(lc) && '0' <= lc[j+1] && lc[j+1] <= '9') {
			j++
		}
		num := lc[i:j]
		money := i > 0 && lc[i-1] == '$' ||
			strings.HasSuffix(lc[:i], "£") || strings.HasSuffix(lc[:i], "€") || strings.HasSuffix(lc[:i], "₽")
		year := len(num) == 4 && (num[:2] == "19" || num[:2] == "20")
		if !money && !year {
			return true
		}
		i = j
	}
	return false
}
