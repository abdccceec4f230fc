package gather

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/tally-news/tally/internal/document"
)

// A list of URLs, one a line — `urls.txt`, or piped on standard input —
// is a list of sources, not an article: its URLs are fetched. A file is
// read as one when every line that is not blank or a "#" comment is one
// http(s) URL; a file mostly of URLs with a few other lines is refused
// with the first line that is not one, since storing it as an article
// would be wrong and fetching part of it a guess.

// maxURLList caps the size of a URL list read into memory.
const maxURLList = 64 << 20

// urlListVerdict says what the head of a text makes it.
type urlListVerdict int

const (
	notURLList urlListVerdict = iota
	isURLList
	brokenURLList // mostly URLs, but not all
)

// sniffURLList looks at the first lines of a text. A text is a broken
// list when most of its lines are URLs, or when it has as many URLs as
// other lines and none of those reads as prose (a sentence, or six words
// or more): "https://a.example/1" over "not a url" is a list with a slip,
// a story with its link under it is a story.
func sniffURLList(head []byte) (urlListVerdict, int, string) {
	urls, other, firstOther, firstLine := 0, 0, "", 0
	prose := false
	lines := bytes.Split(head, []byte("\n"))
	if len(head) == maxSniff && len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last line may be cut
	}
	for i, l := range lines {
		s := strings.TrimSpace(string(l))
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
		case isURL(s) && !strings.ContainsAny(s, " \t"):
			urls++
		default:
			other++
			prose = prose || isProse(s)
			if firstOther == "" {
				firstOther, firstLine = s, i+1
			}
		}
	}
	switch {
	case urls > 0 && other == 0:
		return isURLList, 0, ""
	case urls >= 3 && urls > 2*other, urls > 0 && urls >= other && !prose:
		return brokenURLList, firstLine, firstOther
	}
	return notURLList, 0, ""
}

// isProse reports a line that reads as text rather than a slip in a list:
// it ends a sentence or runs to six words.
func isProse(s string) bool {
	switch s[len(s)-1] {
	case '.', '!', '?', '"':
		return true
	}
	return len(strings.Fields(s)) >= 6
}

// maxSniff is how much of a text sniffURLList is shown.
const maxSniff = 64 << 10

// urlList queues the URLs of a list read from r, named name.
func (g *gatherer) urlList(name string, r io.Reader) {
	sc := bufio.NewScanner(io.LimitReader(r, maxURLList))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	n := 0
	for sc.Scan() {
		if g.ctx.Err() != nil {
			return
		}
		n++
		s := strings.TrimSpace(sc.Text())
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
		case isURL(s) && !strings.ContainsAny(s, " \t"):
			if !g.skip(s) {
				g.toFetchers(fetchJob{origin: fmt.Sprintf("%s line %d", name, n), url: s})
			}
		default:
			g.report(fmt.Sprintf("%s line %d", name, n), fmt.Errorf("%q is not an http(s) URL; a URL list has one URL a line", cutText(s, 60)))
		}
	}
	if err := sc.Err(); err != nil {
		g.report(name, fmt.Errorf("reading the URL list: %v", err))
	}
}

// textURLList handles a .txt (or extension-less) file that may be a URL
// list: it returns false when the file is not one, for it to be read as
// an article.
func (g *gatherer) textURLList(path string) bool {
	f, err := document.Open(path)
	if err != nil {
		return false // document.Read reports it
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, maxSniff)
	head, _ := br.Peek(maxSniff)
	switch v, line, text := sniffURLList(head); v {
	case isURLList:
		g.urlList(path, br)
		return true
	case brokenURLList:
		g.report(path, fmt.Errorf("looks like a list of URLs, but line %d (%q) is not one; put one http(s) URL a line (blank lines and # comments are fine) and run again", line, cutText(text, 60)))
		return true
	}
	return false
}

func cutText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
