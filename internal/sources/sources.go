// Package sources resolves how a sentence names who asserts a figure ("the
// South Korean military", "Seoul's spy agency", "the NIS") to one canonical
// source ("Joint Chiefs of Staff (South Korea)"), so that ten wordings of
// one body count as one source in the ledger (DESIGN.md, "Sources and
// aliases").
//
// The alias table is data, not code: sources.toml is embedded as the
// default and a user file in the same format extends or overrides it
// (Load). The format, documented fully in README.md, has two sections:
//
//	[[source]]                       # a named body and the ways news writes it
//	canonical = "National Intelligence Service (South Korea)"
//	kind      = "intelligence"       # intelligence, military, ministry, un, ngo, media, government, police, emergency, ...
//	country   = "South Korea"        # canonical country (internal/geo), optional
//	roles     = ["intelligence"]     # descriptions it answers to ("Seoul's spy agency")
//	aliases   = ["NIS", "South Korea's spy agency"]
//
//	[[role]]                         # a kind of national body, for descriptions
//	name      = "defence-ministry"
//	kind      = "ministry"
//	nouns     = ["defence ministry", "ministry of defence"]
//	canonical = "Ministry of Defence of {country}"   # used when no [[source]] has this role for the country
//	aliases   = ["{adj} Defence Ministry"]
//
// Resolution order (Resolver.Resolve): an acronym the document itself
// defined, then the alias table, then descriptions built from a country
// word and a role noun. Roles make the table general: every country gets
// a defence ministry, a police force and so on without listing 250 of each,
// while the bodies that news names often get their real names.
package sources

import (
	_ "embed"
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/tally-news/tally/internal/geo"
)

//go:embed sources.toml
var defaultTOML string

// Source is one canonical source with the ways it is written.
type Source struct {
	Canonical string   `toml:"canonical"`
	Kind      string   `toml:"kind"`
	Country   string   `toml:"country"`
	Roles     []string `toml:"roles"`
	Aliases   []string `toml:"aliases"`
}

// Role is a kind of national body that descriptions name by a noun.
type Role struct {
	Name      string   `toml:"name"`
	Kind      string   `toml:"kind"`
	Nouns     []string `toml:"nouns"`
	Canonical string   `toml:"canonical"`
	Aliases   []string `toml:"aliases"`
}

type file struct {
	Source []Source `toml:"source"`
	Role   []Role   `toml:"role"`
}

// Table is a merged alias table. It is read-only after construction and
// safe for concurrent use.
type Table struct {
	sources []Source
	roles   map[string]*Role
	alias   map[string]int    // normalised alias or canonical → index in sources
	byRole  map[string]int    // country + "\x00" + role → index in sources
	nouns   map[string]string // normalised role noun → role name
	maxNoun int               // words in the longest noun
}

var (
	defaultOnce  sync.Once
	defaultTable *Table
)

// Default returns the embedded table.
func Default() *Table {
	defaultOnce.Do(func() {
		f, err := parse("sources.toml (embedded)", defaultTOML)
		if err != nil {
			panic(err) // the embedded file is tested; a failure here is a build bug
		}
		defaultTable = build(f, nil)
	})
	return defaultTable
}

// Load returns the embedded table extended by the user file at path: a
// [[source]] whose canonical name matches a default one replaces it, a
// [[role]] with the name of a default one replaces it, and everything else
// is added. A user alias wins over a default alias with the same text.
func Load(path string) (*Table, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("aliases: %w", err)
	}
	user, err := parse(path, string(b))
	if err != nil {
		return nil, err
	}
	def, _ := parse("sources.toml (embedded)", defaultTOML)
	return build(def, user), nil
}

// parse decodes and checks one file; errors name the file and line.
func parse(name, text string) (*file, error) {
	var f file
	md, err := toml.Decode(text, &f)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%s:%d: %s", name, perr.Position.Line, perr.Message)
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		key := und[0]
		return nil, fmt.Errorf("%s:%d: unknown key %q", name, lineOf(text, key[len(key)-1]), key.String())
	}
	for i, s := range f.Source {
		if strings.TrimSpace(s.Canonical) == "" {
			return nil, fmt.Errorf("%s:%d: [[source]] without canonical", name, headerLine(text, "[[source]]", i))
		}
		if s.Country != "" && !geo.IsCountry(s.Country) {
			return nil, fmt.Errorf("%s:%d: source %q: unknown country %q (use the canonical name, e.g. \"South Korea\")", name, headerLine(text, "[[source]]", i), s.Canonical, s.Country)
		}
	}
	for i, r := range f.Role {
		if r.Name == "" || r.Canonical == "" || len(r.Nouns) == 0 {
			return nil, fmt.Errorf("%s:%d: [[role]] needs name, canonical and nouns", name, headerLine(text, "[[role]]", i))
		}
	}
	return &f, nil
}

// headerLine returns the 1-based line of the n-th (0-based) header.
func headerLine(text, header string, n int) int {
	for i, l := range strings.Split(text, "\n") {
		if strings.TrimSpace(l) == header {
			if n == 0 {
				return i + 1
			}
			n--
		}
	}
	return 0
}

// lineOf returns the first line whose key is key.
func lineOf(text, key string) int {
	for i, l := range strings.Split(text, "\n") {
		if k, _, ok := strings.Cut(l, "="); ok && strings.TrimSpace(k) == key {
			return i + 1
		}
	}
	return 0
}

func build(def, user *file) *Table {
	t := &Table{roles: map[string]*Role{}, alias: map[string]int{}, byRole: map[string]int{}, nouns: map[string]string{}}
	srcs := append([]Source(nil), def.Source...)
	roles := append([]Role(nil), def.Role...)
	if user != nil {
		idx := map[string]int{}
		for i, s := range srcs {
			idx[norm(s.Canonical)] = i
		}
		for _, s := range user.Source {
			if i, ok := idx[norm(s.Canonical)]; ok {
				srcs[i] = s
			} else {
				srcs = append(srcs, s)
			}
		}
		for _, r := range user.Role {
			replaced := false
			for i := range roles {
				if roles[i].Name == r.Name {
					roles[i], replaced = r, true
				}
			}
			if !replaced {
				roles = append(roles, r)
			}
		}
	}
	t.sources = srcs
	for i := range roles {
		r := &roles[i]
		t.roles[r.Name] = r
		for _, n := range r.Nouns {
			n = norm(n)
			t.nouns[n] = r.Name
			if w := len(strings.Fields(n)); w > t.maxNoun {
				t.maxNoun = w
			}
		}
	}
	// Default sources first, user sources last: a later alias wins.
	for i, s := range srcs {
		t.alias[norm(s.Canonical)] = i
		for _, a := range s.Aliases {
			t.alias[norm(a)] = i
		}
		for _, r := range s.Roles {
			key := s.Country + "\x00" + r
			if _, ok := t.byRole[key]; !ok || user != nil && i >= len(def.Source) {
				t.byRole[key] = i
			}
		}
	}
	return t
}

// norm lower-cases, collapses spaces, unifies apostrophes and drops a
// leading "the" and trailing punctuation, so that alias keys and looked-up
// text compare equal however a sentence wrote them.
func norm(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.TrimPrefix(s, "the ")
	return strings.TrimRight(s, ".,;: ")
}

// Aliases returns the aliases of a canonical source from the table, or of
// a body generated from a role ("Ministry of Defence of Iraq"), for the
// source_aliases field; nil when unknown.
func (t *Table) Aliases(canonical string) []string {
	if i, ok := t.alias[norm(canonical)]; ok && norm(t.sources[i].Canonical) == norm(canonical) {
		return append([]string(nil), t.sources[i].Aliases...)
	}
	return nil
}

// Resolver resolves source text within one document, remembering the
// acronyms that document defines.
type Resolver struct {
	t        *Table
	acronyms map[string]acronym
}

// acronym is one definition learnt from the document.
type acronym struct {
	long    string // "National Intelligence Service"
	country string // from a country word just before it ("Kenya's"), or ""
}

// acronymRE finds "Long Name (ACR)" definitions; the long name is then
// taken from the words before the parenthesis whose initials spell ACR.
var acronymRE = regexp.MustCompile(`\(([A-Z][A-Za-z]{1,9})\)`)

// connectors may sit inside a long name without contributing an initial.
var connectors = map[string]bool{"of": true, "for": true, "the": true, "and": true, "in": true, "on": true, "de": true, "&": true}

// NewResolver returns a resolver for one document, learning the acronyms
// it defines: "National Intelligence Service (NIS)" teaches NIS.
func (t *Table) NewResolver(docText string) *Resolver {
	r := &Resolver{t: t, acronyms: map[string]acronym{}}
	for _, m := range acronymRE.FindAllStringSubmatchIndex(docText, -1) {
		acr := docText[m[2]:m[3]]
		before := strings.TrimRight(docText[:m[0]], " ")
		long := longForm(before, acr)
		if long == "" {
			continue
		}
		if _, seen := r.acronyms[acr]; seen {
			continue
		}
		a := acronym{long: long}
		// "Kenya's National Intelligence Service (NIS)": keep the country,
		// which the long form alone would lose.
		prev := strings.Fields(strings.TrimSuffix(before, long))
		if len(prev) > 0 {
			if c, k, ok := geo.Lookup(prev[len(prev)-1]); ok && k <= geo.Capital {
				a.country = c
			}
		}
		r.acronyms[acr] = a
	}
	return r
}

// longForm returns the trailing words of before whose capitalised initials
// spell acr ("Human Rights Monitoring Mission in Ukraine" for HRMMU).
func longForm(before, acr string) string {
	words := strings.Fields(before)
	want := strings.ToUpper(acr)
	var initials []byte
	for n := 1; n <= len(words) && n <= 12; n++ {
		w := words[len(words)-n]
		if connectors[strings.ToLower(w)] {
			continue
		}
		if w == "" || w[0] < 'A' || w[0] > 'Z' {
			return ""
		}
		initials = append([]byte{w[0]}, initials...)
		if string(initials) == want {
			return strings.Join(words[len(words)-n:], " ")
		}
		if len(initials) >= len(want) {
			return ""
		}
	}
	return ""
}

// Resolve maps how a sentence names a source to its canonical name, kind
// and country. ok is false when nothing matches; the caller then keeps the
// text as written (see PersonName for people).
func (r *Resolver) Resolve(sourceText string) (canonical, kind, country string, ok bool) {
	text := strings.TrimSpace(sourceText)
	if text == "" {
		return "", "", "", false
	}
	// "the International Organisation for Migration (IOM)": the name,
	// else its acronym.
	if long, acr, ok := strings.Cut(strings.TrimSuffix(text, ")"), " ("); ok && strings.HasSuffix(text, ")") {
		if c, k, ctry, ok := r.Resolve(long); ok {
			return c, k, ctry, true
		}
		return r.Resolve(acr)
	}
	// An acronym the document defines is more specific than the shipped
	// table (a Kenyan story's NIS is not South Korea's).
	if a, ok := r.acronyms[strings.Trim(stripThe(text), ".,;: ")]; ok {
		if c, k, ctry, ok := r.lookup(a.long); ok && (a.country == "" || ctry == a.country) {
			return c, k, ctry, true
		}
		if a.country != "" {
			return a.long + " (" + a.country + ")", "organization", a.country, true
		}
		return a.long, "organization", "", true
	}
	return r.lookup(text)
}

func (r *Resolver) lookup(text string) (canonical, kind, country string, ok bool) {
	t := r.t
	if i, ok := t.alias[norm(text)]; ok {
		s := t.sources[i]
		return s.Canonical, s.Kind, s.Country, true
	}
	return t.describe(stripThe(strings.Join(strings.Fields(text), " ")))
}

func stripThe(s string) string {
	for _, p := range []string{"the ", "The ", "THE "} {
		s = strings.TrimPrefix(s, p)
	}
	return s
}

// describe resolves "COUNTRY-WORD NOUN" ("Seoul's spy agency", "the
// Ukrainian Defence Ministry") and "NOUN in/of PLACE" ("the health
// ministry in Gaza") to the body of that country with that role.
func (t *Table) describe(text string) (canonical, kind, country string, ok bool) {
	var noun string
	ms := geo.Scan(text)
	switch {
	case len(ms) > 0 && ms[0].Start == 0:
		country = ms[0].Country
		rest := text[ms[0].End:]
		for _, p := range []string{"'s", "’s", "'"} {
			rest = strings.TrimPrefix(rest, p)
		}
		noun = norm(rest)
		if noun == "" {
			// The place alone ("Seoul", "Ukraine") speaks for its government.
			if ms[0].Kind == geo.Country || ms[0].Kind == geo.Capital {
				return country, "government", country, true
			}
			return "", "", "", false
		}
	case len(ms) > 0 && ms[len(ms)-1].End == len(text):
		last := ms[len(ms)-1]
		head := text[:last.Start]
		for _, p := range []string{" in ", " of ", " for "} {
			if strings.HasSuffix(head, p) {
				noun, country = norm(strings.TrimSuffix(head, p)), last.Country
				break
			}
		}
	}
	if noun == "" {
		return "", "", "", false
	}
	role, found := t.nouns[noun]
	if !found {
		return "", "", "", false
	}
	if i, ok := t.byRole[country+"\x00"+role]; ok {
		s := t.sources[i]
		return s.Canonical, s.Kind, s.Country, true
	}
	ro := t.roles[role]
	return expand(ro.Canonical, country, noun), ro.Kind, country, true
}

// expand fills a role template.
func expand(tmpl, country, noun string) string {
	adj := geo.Adjective(country)
	if adj == "" {
		adj = country
	}
	return strings.NewReplacer("{country}", country, "{adj}", adj, "{noun}", noun).Replace(tmpl)
}

// RoleAliases returns the aliases a role template gives a country's body
// ("Iraqi Health Ministry", "Iraq's health ministry", "health ministry").
func (t *Table) RoleAliases(role, country string) []string {
	ro, ok := t.roles[role]
	if !ok {
		return nil
	}
	var out []string
	for _, a := range ro.Aliases {
		out = append(out, expand(a, country, ""))
	}
	return out
}

// Nationalize adds the nationality to a generic source, as the gold sets
// do where the country is clear: ("officials", "Greece") → "Greek
// officials" with the bare form as alias. Non-generic text comes back
// unchanged with no alias.
func Nationalize(generic, country string) (string, []string) {
	g := norm(generic)
	adj := geo.Adjective(country)
	if adj == "" || Default().nouns[g] != "authorities" && Default().nouns[g] != "police" && Default().nouns[g] != "government" {
		return generic, nil
	}
	return adj + " " + g, []string{g}
}

// titles are words that precede a person's name without being part of it.
var titles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`president vice prime minister deputy defence defense foreign interior
		health home finance spokesman spokeswoman spokesperson lawmaker legislator senator sen. rep.
		representative congressman congresswoman gen. general lt. lieutenant col. colonel maj. major capt.
		captain sgt. sergeant adm. admiral brig. brigadier cmdr. commander chief secretary press state
		ambassador envoy governor gov. mayor mr. mrs. ms. dr. prof. professor official senior former acting
		top opposition leader head director king queen prince sheikh chancellor premier mp cabinet
		national security adviser advisor army military police army's military's u.n. un
		a an the his her their`) {
		titles[w] = true
	}
}

// PersonName strips the titles and descriptors that precede a person's
// name, so that one person is one source however a sentence introduces
// them: "Ukrainian President Volodymyr Zelensky" → "Volodymyr Zelensky",
// "lawmaker Lee Seong-kweun" → "Lee Seong-kweun", "Maj. Gen. Pat Ryder" →
// "Pat Ryder". An appositive after a comma is dropped too.
func PersonName(text string) string {
	text, _, _ = strings.Cut(text, ",")
	text = strings.Join(strings.Fields(text), " ")
	// "U.S. Deputy Ambassador to the United Nations Dorothy Shea",
	// "National Security Council spokesperson John Kirby": the name is
	// the capitalised words after the last title or body word.
	if i := strings.LastIndex(text, " to "); i >= 0 {
		if name := trailingName(text[i+4:]); name != "" {
			return name
		}
	}
	if name := trailingName(text); name != "" {
		return name
	}
	for {
		if ms := geo.Scan(text); len(ms) > 0 && ms[0].Start == 0 && ms[0].End < len(text) {
			rest := text[ms[0].End:]
			for _, p := range []string{"'s", "’s"} {
				rest = strings.TrimPrefix(rest, p)
			}
			if r := strings.TrimSpace(rest); r != "" && r != text {
				text = r
				continue
			}
		}
		w, rest, ok := strings.Cut(text, " ")
		if !ok {
			return text
		}
		lw := strings.ToLower(w)
		if titles[lw] || titles[strings.TrimSuffix(lw, "'s")] || w[0] >= 'a' && w[0] <= 'z' {
			text = rest
			continue
		}
		return text
	}
}

// Kind returns the kind of a canonical source in the table ("un",
// "military", ...), or "" when the table does not know it.
func (t *Table) Kind(canonical string) string {
	if i, ok := t.alias[norm(canonical)]; ok && norm(t.sources[i].Canonical) == norm(canonical) {
		return t.sources[i].Kind
	}
	return ""
}

// Canonicals lists every canonical source in the table, sorted; for
// diagnostics and tests.
func (t *Table) Canonicals() []string {
	out := make([]string, 0, len(t.sources))
	for _, s := range t.sources {
		out = append(out, s.Canonical)
	}
	sort.Strings(out)
	return out
}

// trailingName returns the capitalised words at the end of s that follow
// a body's name ("the United Nations Dorothy Shea" → "Dorothy Shea"): two
// or three words, none a title or the usual word of a body's name.
func trailingName(s string) string {
	w := strings.Fields(s)
	n := 0
	for i := len(w) - 1; i >= 0 && n < 3; i-- {
		lw := strings.ToLower(w[i])
		if w[i][0] < 'A' || w[i][0] > 'Z' || titles[lw] || bodyWords[lw] || strings.HasSuffix(w[i], ".") {
			break
		}
		n++
	}
	if n < 2 || n == len(w) {
		return ""
	}
	return strings.Join(w[len(w)-n:], " ")
}

// bodyWords end or make up the names of bodies, not of people.
var bodyWords = map[string]bool{
	"nations": true, "united": true, "council": true, "ministry": true, "department": true,
	"house": true, "office": true, "committee": true, "agency": true, "forces": true, "states": true,
	"kingdom": true, "union": true, "organization": true, "organisation": true, "court": true,
	"assembly": true, "parliament": true, "congress": true, "senate": true, "commission": true,
	"mission": true, "embassy": true, "bank": true, "fund": true, "programme": true, "program": true,
	"refugees": true, "affairs": true, "migration": true, "rights": true, "development": true,
	"health": true, "justice": true, "interior": true, "defence": true, "defense": true,
}
