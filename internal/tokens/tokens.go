// Package tokens splits text into words, numbers and punctuation with byte
// offsets. Every later stage works on tokens rather than on regular
// expressions over the raw text: one pass, no backtracking, and the offsets
// that let a figure be shown in its sentence travel with each token.
package tokens

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says what a token is.
type Kind uint8

const (
	Word  Kind = iota // letters, with inner apostrophes and dots ("Shi'ite", "U.S.")
	Num               // digits with inner separators and an optional suffix ("1,100", "1.5", "3k", "240mm")
	Punct             // any other single character
)

// Token is one token of a text. Text is the token as written; Lower is its
// lower-cased form, used for every word-list lookup.
type Token struct {
	Start, End int
	Text       string
	Lower      string
	Kind       Kind
	// SpaceBefore is true when whitespace separates this token from the
	// previous one; it tells "10,000-12,000" from "10,000 - 12,000" and a
	// thousands group "11 000" from two numbers.
	SpaceBefore bool
	// NewlineBefore is true when a line break separates this token from the
	// previous one (headline from lead, paragraph from paragraph).
	NewlineBefore bool
}

// IsCap reports whether the token starts with an upper-case letter.
func (t Token) IsCap() bool {
	r, _ := utf8.DecodeRuneInString(t.Text)
	return unicode.IsUpper(r)
}

// IsAllCaps reports whether every letter of the token is upper case
// ("SEVEN", "US"), as in shouted headlines.
func (t Token) IsAllCaps() bool {
	letters := 0
	for _, r := range t.Text {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters > 0
}

// Is reports whether the token is one of the given lower-case words.
func (t Token) Is(words ...string) bool {
	for _, w := range words {
		if t.Lower == w {
			return true
		}
	}
	return false
}

// Tokenize splits text[start:end] into tokens whose offsets are into text.
func Tokenize(text string, start, end int) []Token {
	return Append(make([]Token, 0, (end-start)/5+1), text, start, end)
}

// Append is Tokenize appending to dst, so that a caller tokenizing a whole
// document sentence by sentence makes one allocation rather than one per
// sentence (tokens are most of the extractor's garbage).
func Append(toks []Token, text string, start, end int) []Token {
	// Lower-case the whole range once and slice each token's Lower from
	// it: one allocation per sentence instead of one per capitalised word.
	// Where lower-casing changes byte lengths (rare non-ASCII letters),
	// each token is lowered on its own.
	low := strings.ToLower(text[start:end])
	shared := len(low) == end-start
	i := start
	space, newline := true, false
	for i < end {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			space = true
			i++
			continue
		case c == '\n':
			space, newline = true, true
			i++
			continue
		}
		j := i
		kind := Punct
		if c < utf8.RuneSelf {
			switch {
			case isDigit(c):
				kind = Num
				j = scanNumber(text, i, end)
			case isASCIILetter(c):
				kind = Word
				j = scanWord(text, i, end)
			default:
				j = i + 1
			}
		} else {
			r, n := utf8.DecodeRuneInString(text[i:end])
			switch {
			case unicode.IsLetter(r):
				kind = Word
				j = scanWord(text, i, end)
			case unicode.IsSpace(r):
				space = true
				i += n
				continue
			default:
				j = i + n
			}
		}
		t := Token{Start: i, End: j, Text: text[i:j], Kind: kind, SpaceBefore: space, NewlineBefore: newline}
		if shared && !strings.Contains(t.Text, "’") {
			t.Lower = low[i-start : j-start]
		} else {
			t.Lower = lower(t.Text)
		}
		toks = append(toks, t)
		space, newline = false, false
		i = j
	}
	return toks
}

func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// scanNumber reads digits with inner ',' and '.' separators followed by
// digits, then any letters glued on ("3k", "1.9m", "240mm", "10th").
func scanNumber(s string, i, end int) int {
	j := i
	for j < end {
		c := s[j]
		if isDigit(c) {
			j++
			continue
		}
		if (c == ',' || c == '.') && j+1 < end && isDigit(s[j+1]) {
			j++
			continue
		}
		break
	}
	for j < end && isASCIILetter(s[j]) {
		j++
	}
	return j
}

// scanWord reads letters, digits glued to letters, inner apostrophes
// ("Shi'ite", "Korea's") and dotted abbreviations ("U.S.", "a.m.").
func scanWord(s string, i, end int) int {
	j := i
	for j < end {
		c := s[j]
		if c < utf8.RuneSelf {
			if isASCIILetter(c) || isDigit(c) {
				j++
				continue
			}
			if c == '\'' && j+1 < end && isASCIILetter(s[j+1]) && j > i {
				j++
				continue
			}
			// Dotted abbreviation: single letters separated by dots
			// ("U.S.", "U.N.", "a.m."), final dot included.
			if c == '.' && isDotted(s[i:j]) {
				if j+2 <= end-1 && isASCIILetter(s[j+1]) && !isASCIILetter(s[j+2]) || j+2 == end && isASCIILetter(s[j+1]) {
					j += 2
					continue
				}
				if j-i >= 3 {
					j++
				}
			}
			break
		}
		r, n := utf8.DecodeRuneInString(s[j:end])
		if unicode.IsLetter(r) || unicode.IsMark(r) {
			j += n
			continue
		}
		// Curly apostrophe inside a word: "Korea’s".
		if r == '’' && j+n < end && j > i && isASCIILetter(s[j+n]) {
			j += n
			continue
		}
		break
	}
	return j
}

// isDotted reports whether w is a dotted abbreviation in progress: single
// letters separated by dots ("U", "U.S", "U.N").
func isDotted(w string) bool {
	if len(w)%2 == 0 {
		return false
	}
	for k := 0; k < len(w); k++ {
		if k%2 == 1 {
			if w[k] != '.' {
				return false
			}
		} else if !isASCIILetter(w[k]) {
			return false
		}
	}
	return true
}

// lower returns s lower-cased, without allocating when it already is, and
// with curly apostrophes made straight so word lists need one spelling.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return strings.ReplaceAll(strings.ToLower(s), "’", "'")
		}
	}
	return s
}
