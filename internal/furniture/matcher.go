package furniture

import "strings"

// A matcher finds which of several phrase lists occur in a line, in one
// pass over it. Looping strings.Contains over ~250 phrases made Keep scan
// every line 250 times (40 MB/s); indexing the phrases by their first two
// bytes makes it one scan with a short candidate list per position.
type matcher struct {
	start [1 << 16]uint16 // index into phrases of the first phrase for a byte pair
	end   [1 << 16]uint16
	list  []phrase
}

type phrase struct {
	text string
	bits listBits
}

// listBits says which lists matched.
type listBits uint16

const (
	bitShort      listBits = 1 << iota // shortContains
	bitCredit                          // creditContains
	bitAnywhere                        // anywhere
	bitMarker                          // appealMarkers
	bitVocab                           // appealVocab
	bitWall                            // subscriptionWall
	bitNewsletter                      // "newsletter"
	bitNewsCtx                         // newsletterContext
	bitInbox                           // inboxPhrases
	bitCookie                          // "cookie"
	bitCookieCtx                       // cookieContext
)

func pairOf(s string) int { return int(s[0])<<8 | int(s[1]) }

func newMatcher(lists map[listBits][]string) *matcher {
	m := &matcher{}
	byPair := map[int][]phrase{}
	for bits, words := range lists {
		for _, w := range words {
			if len(w) < 2 {
				panic("furniture: phrase shorter than 2 bytes: " + w)
			}
			byPair[pairOf(w)] = append(byPair[pairOf(w)], phrase{w, bits})
		}
	}
	for pair := 0; pair < 1<<16; pair++ {
		ps := byPair[pair]
		m.start[pair] = uint16(len(m.list))
		m.list = append(m.list, ps...)
		m.end[pair] = uint16(len(m.list))
	}
	return m
}

// match returns the union of the bits of every phrase found in lc.
// Phrases are matched where a word starts (or at punctuation), never in
// the middle of a word: that is what the lists mean, and it skips four
// positions in five.
func (m *matcher) match(lc string) listBits {
	var bits listBits
	for i := 0; i+1 < len(lc); i++ {
		if i > 0 && wordByte(lc[i-1]) && wordByte(lc[i]) {
			continue
		}
		p := int(lc[i])<<8 | int(lc[i+1])
		for _, ph := range m.list[m.start[p]:m.end[p]] {
			if bits&ph.bits != ph.bits && strings.HasPrefix(lc[i:], ph.text) {
				bits |= ph.bits
			}
		}
	}
	return bits
}

var phrases = newMatcher(map[listBits][]string{
	bitShort:      shortContains,
	bitCredit:     creditContains,
	bitAnywhere:   anywhere,
	bitMarker:     appealMarkers,
	bitVocab:      appealVocab,
	bitWall:       subscriptionWall,
	bitNewsletter: {"newsletter"},
	bitNewsCtx:    newsletterContext,
	bitInbox:      inboxPhrases,
	bitCookie:     {"cookie"},
	bitCookieCtx:  cookieContext,
})

// wordByte reports an ASCII letter or digit.
func wordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || 'A' <= c && c <= 'Z'
}
