// Package htmltext turns an HTML page into the article it carries: the
// main text, one paragraph a line, and the page's metadata (title,
// publication date, publisher, canonical URL, language).
//
// Boilerplate removal is go-trafilatura's, with its Readability and
// DOM Distiller fallbacks on: it scored best on the article-extraction
// benchmark (cmd/articlebench). Extraction libraries let newsletter boxes
// and reader appeals through when they sit inside the article element, so
// the text then goes through the furniture filter, exactly as `tally text`
// and `tally extract` see it.
package htmltext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/furniture"
)

// ErrNoArticle is returned when a page holds no article text.
var ErrNoArticle = errors.New("no article text found")

// Extract reads an HTML page and returns its article as a Document. pageURL
// (may be empty) is where the page came from; the page's own canonical URL
// wins over it. Document.ID is left empty for the caller to set.
//
// Text is the article body only, paragraphs separated by "\n", page
// furniture dropped; the title is in Title, not in Text.
func Extract(r io.Reader, pageURL string) (claim.Document, error) {
	page, err := io.ReadAll(r)
	if err != nil {
		return claim.Document{}, fmt.Errorf("read page: %w", err)
	}
	return ExtractBytes(page, pageURL)
}

// ExtractBytes is Extract for a page already in memory.
//
// A page whose bytes are valid UTF-8 is read as UTF-8, whatever its
// <meta charset> says: saved and re-served pages are often re-encoded
// without their label being changed, and text in a legacy encoding is
// almost never valid UTF-8. Other pages are decoded as their byte-order
// mark or <meta charset> says, else as windows-1252 (the HTML standard's
// default). The standard sniffing alone read 49 of the benchmark's 181
// UTF-8 pages as windows-1252 (F1 0.932 instead of 0.96).
func ExtractBytes(page []byte, pageURL string) (claim.Document, error) {
	doc, err := Parse(page)
	if err != nil {
		return claim.Document{}, err
	}
	return ExtractNode(doc, pageURL)
}

// Parse parses a page the way ExtractBytes does (same encoding rules), for
// callers that read something from the tree before ExtractNode, which
// changes it.
func Parse(page []byte) (*html.Node, error) {
	doc, err := html.Parse(decoded(page))
	if err != nil {
		if isTooDeep(err) {
			return nil, ErrTooDeep
		}
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	return doc, nil
}

// decoded is the page as UTF-8 (see ExtractBytes for the rules).
func decoded(page []byte) io.Reader {
	var r io.Reader = bytes.NewReader(page)
	if !utf8.Valid(page) {
		enc, _, _ := charset.DetermineEncoding(page, "")
		r = transform.NewReader(r, enc.NewDecoder())
	}
	return r
}

// ExtractNode is Extract for a page already parsed.
func ExtractNode(doc *html.Node, pageURL string) (d claim.Document, err error) {
	// go-trafilatura and its fallbacks are large; a page that trips one of
	// them must cost the run one input, not the process (DESIGN.md, "Bad
	// input").
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("extract article: internal error: %v", p)
		}
	}()

	opts := trafilatura.Options{
		EnableFallback: true,
		// Fast: dates from metadata and markup, without go-dateparser's
		// regular expressions (slow, and it only adds non-English dates
		// written in the body).
		HtmlDateMode: trafilatura.Fast,
		// ExcludeComments stays false: go-trafilatura then takes comment
		// sections out of the page before looking for the article (with
		// true it leaves them in, and they can end up in the text).
	}
	if u, err := nurl.Parse(pageURL); err == nil && u.Scheme != "" && u.Host != "" {
		opts.OriginalURL = u
	}
	padBlocks(doc)
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		// With these options go-trafilatura fails only when it finds no
		// text ("text and comments are not long enough: 0 0").
		return claim.Document{}, ErrNoArticle
	}

	// Main text, then furniture out.
	// NFC, so that "é" is one code point whether the page wrote it as one
	// or two; invalid bytes (a page that lied about its encoding) become
	// U+FFFD so that every later stage can trust the text is UTF-8.
	text := furniture.Clean(norm.NFC.String(strings.ToValidUTF8(blockText(res.ContentNode), "\uFFFD")))
	m := res.Metadata
	text = dropTitleLine(text, collapseSpace(m.Title))
	if text == "" {
		return claim.Document{}, ErrNoArticle
	}
	d = claim.Document{
		URL:       strings.ToValidUTF8(firstNonEmpty(m.URL, pageURL), ""),
		Title:     collapseSpace(m.Title),
		Publisher: publisher(m),
		Language:  m.Language,
		Text:      text,
	}
	if !m.Date.IsZero() {
		d.Published = m.Date.Format("2006-01-02")
	}
	return d, nil
}

// dropTitleLine removes the headline from the top of the body when the
// extractor kept it: the title travels in Document.Title, and a headline
// in the body would be read as an article sentence.
func dropTitleLine(text, title string) string {
	if title == "" {
		return text
	}
	first, rest, _ := strings.Cut(text, "\n")
	if strings.EqualFold(first, title) {
		return rest
	}
	return text
}

// publisher is the site's name ("The Moscow Times"); pages that do not
// give one are named by their host ("themoscowtimes.com").
func publisher(m trafilatura.Metadata) string {
	if s := collapseSpace(m.Sitename); s != "" {
		return s
	}
	return strings.TrimPrefix(m.Hostname, "www.")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// blockElements end a paragraph: their text goes on lines of its own.
var blockElements = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "header": true, "footer": true,
	"aside": true, "nav": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"head": true, "ul": true, "ol": true, "li": true, "list": true, "item": true, "dl": true, "dt": true,
	"dd": true, "blockquote": true, "quote": true, "pre": true, "code": false, "table": true, "tr": true,
	"row": true, "figure": true, "figcaption": true, "br": true, "lb": true, "hr": true, "address": true,
	"details": true, "summary": true, "form": true, "fieldset": true, "caption": true, "center": true,
}

// cellElements are separated by a tab-free space on their row's line.
var cellElements = map[string]bool{"td": true, "th": true, "cell": true}

// blockText renders a content tree as plain text: one line per block,
// white space inside a block collapsed to single spaces.
// padBlocks puts a line break after every block element whose next
// sibling is not white space. Minified pages ("<h1>Floods kill 12</h1><p>
// Floods killed ...") have none, and go-trafilatura joins the text of
// blocks it merges without a separator: "...kill 12Floods killed...".
func padBlocks(n *html.Node) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		padBlocks(c)
		if c.Type != html.ElementNode || !blockElements[c.Data] || c.Data == "head" {
			continue
		}
		if next := c.NextSibling; next != nil && next.Type == html.TextNode && strings.TrimSpace(next.Data) == "" && next.Data != "" {
			continue
		}
		n.InsertBefore(&html.Node{Type: html.TextNode, Data: "\n"}, c.NextSibling)
		c = c.NextSibling
	}
}

func blockText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var w textWriter
	w.walk(n)
	w.breakLine()
	return strings.Join(w.lines, "\n")
}

type textWriter struct {
	lines []string
	cur   strings.Builder
	space bool // a space is pending before the next word
}

func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "textarea":
			return
		}
	}
	element := n.Type == html.ElementNode
	if element {
		w.edge(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if element {
		w.edge(n.Data)
	}
}

func (w *textWriter) text(s string) {
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u200b' {
			w.space = true
			continue
		}
		if r == '\u00ad' { // soft hyphen: a line-break hint inside a word
			continue
		}
		if w.space && w.cur.Len() > 0 {
			w.cur.WriteByte(' ')
		}
		w.space = false
		w.cur.WriteRune(r)
	}
}

func (w *textWriter) breakLine() {
	if w.cur.Len() > 0 {
		w.lines = append(w.lines, w.cur.String())
		w.cur.Reset()
	}
	w.space = false
}

// collapseSpace trims s and collapses its runs of white space to one space.
func collapseSpace(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Join(strings.Fields(s), " ")
}
