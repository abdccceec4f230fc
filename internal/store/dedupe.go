package store

// Duplicate detection. A ledger counts claims, so the same article read
// twice — re-fetched, found again in another feed, or carried by a wire
// service to a hundred sites — must not count twice.
//
//   - Exact duplicates are not stored: a document whose URL or canonical
//     URL (normalised: scheme, default port, fragment and tracking
//     parameters ignored) or whose normalised text (NFKC, lower case,
//     whitespace collapsed; SHA-256) is already stored.
//   - Near-duplicates are stored and linked to the first copy: at least
//     70% of their word 3-shingles are shared with a stored document
//     (Jaccard similarity), found through MinHash bands (see
//     fingerprintOf) and confirmed on the two texts. A near-duplicate's figures that repeat one of the first copy's
//     (same measure, counted, source, qualifier and bounds) are stored
//     flagged as repeats — kept as evidence, left out of counts, series
//     and Reports; a figure the copy changed (an updated toll) counts.

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"math/bits"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/tally-news/tally/internal/claim"
)

// contentHash is the hex SHA-256 of the text normalised so that copies
// differing only in Unicode form, case or spacing are the same document.
func contentHash(text string) string {
	t := strings.ToLower(norm.NFKC.String(text))
	t = strings.Join(strings.Fields(t), " ")
	sum := sha256.Sum256([]byte(t))
	return hex.EncodeToString(sum[:])
}

// nearJaccard is the share of word 3-shingles two texts must have in
// common (Jaccard similarity) to be copies of one story. In the 1,900
// AG News items of shared/corpus/agnews, the five syndicated pairs (one
// wire text under two datelines or headlines) score 0.76–0.84, and no
// other pair above 0.56 (rewrites of one event by two outlets); an update
// that changes one toll in a 300-word story scores above 0.95.
//
// (A SimHash within Hamming distance 3 was tried first: those five pairs
// are 4 to 13 bits apart, so it found none of them.)
const nearJaccard = 0.7

// minShingles is how many word 3-shingles a text needs before it is
// compared: in a shorter text one edited word moves the score as much as a
// different story would.
const minShingles = 16

// The shingles are MinHashed and the MinHash split into lshBands bands of
// lshRows values, one indexed column each (locality-sensitive hashing):
// two texts share a band with probability 1-(1-J³)⁸ — 0.98 at J = 0.75,
// 0.06 at J = 0.2 — so the candidates for a new text are the few stored
// texts sharing a band, confirmed by their exact Jaccard. (The agnews
// pairs above share 3 to 6 bands; only 10 of its 1.8 million pairs share
// any.)
const (
	lshBands = 8
	lshRows  = 3
)

// maxCandidates bounds the texts read to confirm candidates: those
// sharing the most bands come first.
const maxCandidates = 16

// bandCandidates caps the documents one band lookup brings back (the
// latest ones), so that a band value shared by a great many documents
// costs a bounded read.
const bandCandidates = 32

// fingerprint is what near-duplicate detection knows of a text.
type fingerprint struct {
	shingles []uint64 // hashes of the word 3-shingles, sorted, unique
	bands    [lshBands]int64
	ok       bool // enough shingles to compare
}

// fingerprintOf hashes a text's word 3-shingles (words: runs of letters
// and digits, lower-cased) and computes its LSH bands.
func fingerprintOf(text string) fingerprint {
	var fp fingerprint
	var words []uint64
	start := -1
	lower := strings.ToLower(text)
	flush := func(end int) {
		if start >= 0 {
			words = append(words, fnv64(lower[start:end]))
			start = -1
		}
	}
	for i, r := range lower {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
	}
	flush(len(lower))
	for i := 0; i+2 < len(words); i++ {
		// Rotations keep the words' order in the shingle's hash.
		fp.shingles = append(fp.shingles, mix64(words[i]^bits.RotateLeft64(words[i+1], 21)^bits.RotateLeft64(words[i+2], 42)))
	}
	slices.Sort(fp.shingles)
	fp.shingles = slices.Compact(fp.shingles)
	if len(fp.shingles) < minShingles {
		return fp
	}
	fp.ok = true
	var mins [lshBands * lshRows]uint64
	for k := range mins {
		mins[k] = math.MaxUint64
	}
	for _, s := range fp.shingles {
		for k := range mins {
			// One hash function per k: the shingle's hash mixed with k.
			if h := mix64(s ^ minhashSeeds[k]); h < mins[k] {
				mins[k] = h
			}
		}
	}
	for b := range fp.bands {
		h := uint64(b + 1)
		for r := range lshRows {
			h = mix64(h ^ mins[b*lshRows+r])
		}
		fp.bands[b] = int64(h)
	}
	return fp
}

// minhashSeeds are fixed: stored bands must mean the same in every run.
var minhashSeeds = func() (s [lshBands * lshRows]uint64) {
	x := uint64(0x74616c6c79) // "tally"
	for k := range s {
		x += 0x9e3779b97f4a7c15
		s[k] = mix64(x)
	}
	return s
}()

// jaccard is |a ∩ b| / |a ∪ b| of two sorted sets.
func jaccard(a, b []uint64) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	i, j, n := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return float64(n) / float64(len(a)+len(b)-n)
}

// fnv64 is FNV-1a: stable across runs and versions, unlike maphash, which
// matters since what it feeds is stored.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix64 is the SplitMix64 finaliser: FNV's high bits depend weakly on the
// last bytes, and each MinHash needs a well-spread hash.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// trackingParams are query parameters that name the link a reader came
// by, not the article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "mc_cid": true,
	"mc_eid": true, "igshid": true, "ocid": true, "cmpid": true, "ito": true,
}

// urlKey normalises a URL so that the links of one article compare equal:
// http and https, the default port, a trailing slash, a #fragment and
// tracking parameters (utm_*, fbclid …) are ignored, host case too, and the
// remaining parameters are sorted. Anything that is not an http(s) URL is
// its own key.
func urlKey(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (!strings.EqualFold(u.Scheme, "http") && !strings.EqualFold(u.Scheme, "https")) {
		return raw
	}
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := u.EscapedPath()
	if len(path) > 1 {
		path = strings.TrimRight(path, "/")
	}
	if path == "" {
		path = "/"
	}
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(strings.ToLower(k), "utm_") || trackingParams[strings.ToLower(k)] {
			delete(q, k)
		}
	}
	key := "//" + host + path
	if enc := q.Encode(); enc != "" { // Encode sorts by key
		key += "?" + enc
	}
	return key
}

// urlKeys are the keys under which a document's URLs are stored, without
// repeats or empties.
func urlKeys(doc claim.Document, meta Meta) []string {
	var keys []string
	for _, u := range append([]string{doc.URL, meta.CanonicalURL}, meta.AlsoURLs...) {
		if k := urlKey(u); k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// IsEnglish reports whether figures should be extracted from a document in
// this language: unknown ("") counts as English, since most inputs carry
// no language and the extractor is what reads them.
func IsEnglish(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	switch {
	case l == "" || l == "en" || l == "eng" || l == "english":
		return true
	case strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_"):
		return true
	}
	return false
}

// Unknown stands for the counted side of a series when a figure names no
// one.
const Unknown = "unknown"

// SeriesKey is the series a figure belongs to: counted + "/" + measure,
// e.g. "North Korea/casualties"; "unknown/killed" when no one is named.
func SeriesKey(f *claim.Figure) string {
	return countedOf(f) + "/" + f.Measure
}

func countedOf(f *claim.Figure) string {
	if f.Counted == nil || strings.TrimSpace(*f.Counted) == "" {
		return Unknown
	}
	return *f.Counted
}

// key is the case-insensitive form under which names are looked up.
func key(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// aliasKey is the form under which a source's names are looked up: like
// key, and without a leading "the", since a sentence says "the South
// Korean military" where the extractor may keep "South Korean military".
func aliasKey(s string) string {
	k := strings.Join(strings.Fields(key(s)), " ")
	if rest, ok := strings.CutPrefix(k, "the "); ok && rest != "" {
		return rest
	}
	return k
}

// repeatSig is what makes a near-duplicate's figure a repeat of one of
// the first copy's: the same assertion, wherever it sits in the text.
func repeatSig(measure, countedKey, source, qualifier string, value, low, high *float64) string {
	f := func(p *float64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	return strings.Join([]string{measure, countedKey, key(source), qualifier, f(value), f(low), f(high)}, "\x00")
}

// shingleCacheSize is the number of texts whose shingles a store keeps:
// a syndicated copy comes soon after its original, so the last few
// thousand documents cover nearly every candidate, at some 100 bytes of
// shingles per sentence.
const shingleCacheSize = 4096

// shingleCache maps content hashes to the shingles of their text, so that
// near-duplicate checks do not read and hash the same candidate texts for
// every document that shares a band with them (a site's boilerplate, a
// news agency's template). Keyed by content hash, an entry can never be
// stale. The oldest entry goes first when it is full.
type shingleCache struct {
	mu    sync.Mutex
	m     map[string][]uint64
	order []string // ring of keys, oldest at next
	next  int
}

func newShingleCache(n int) *shingleCache {
	return &shingleCache{m: make(map[string][]uint64, n), order: make([]string, n)}
}

func (c *shingleCache) get(hash string) ([]uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	sh, ok := c.m[hash]
	return sh, ok
}

func (c *shingleCache) put(hash string, sh []uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[hash]; ok {
		return
	}
	if old := c.order[c.next]; old != "" {
		delete(c.m, old)
	}
	c.order[c.next] = hash
	c.next = (c.next + 1) % len(c.order)
	c.m[hash] = sh
}
