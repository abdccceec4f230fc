package gather

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/document"
	"github.com/tally-news/tally/internal/feed"
	"github.com/tally-news/tally/internal/htmltext"
)

// fetchURL fetches a URL source or a feed item's article and passes the
// page to the workers, or the feed's items to the queues.
func (g *gatherer) fetchURL(f fetchJob) {
	resp, err := g.client.Get(g.ctx, f.url)
	if err != nil {
		g.report(f.origin, err)
		return
	}
	mt := resp.MediaType()
	isFeed := feed.Sniff(resp.Body)
	switch {
	case isFeed && f.article:
		g.report(f.origin, fmt.Errorf("%s: is a feed, not an article", f.url))
	case isFeed:
		parsed, err := feed.Parse(bytes.NewReader(resp.Body))
		if err != nil {
			g.report(f.origin, fmt.Errorf("%s: %w", f.url, err))
			return
		}
		base, _ := url.Parse(resp.FinalURL)
		g.feedItems(f.origin, base, parsed)
	case isHTMLType(mt) || (mt == "" || mt == "text/plain" || mt == "application/octet-stream") && looksLikeHTML(resp.Body):
		g.toWorkers(job{origin: f.origin, page: resp.Body, url: resp.FinalURL, sourceURL: f.url, hint: f.hint})
	default:
		what := "content type " + mt
		if mt == "" {
			what = "no content type"
		}
		g.report(f.origin, fmt.Errorf("%s: not an HTML page or a feed (%s)", f.url, what))
	}
}

func isHTMLType(mt string) bool { return mt == "text/html" || mt == "application/xhtml+xml" }

// looksLikeHTML: a page served without a usable content type.
func looksLikeHTML(body []byte) bool {
	head := bytes.ToLower(bytes.TrimLeft(body[:min(len(body), 1024)], " \t\r\n\xEF\xBB\xBF"))
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.HasPrefix(head, []byte("<head")) || bytes.HasPrefix(head, []byte("<!--")) && bytes.Contains(head, []byte("<html"))
}

// extract turns an HTML page into a document.
//
// Each field comes from the best place that has it:
//
//	ID         the page's canonical URL (<link rel=canonical>, og:url), else
//	           the URL it was read from, else the feed item's GUID, else
//	           Origin
//	Title      the page's, else the feed item's
//	Publisher  the page's site name, else the host
//	Published  the page's date, else the feed item's or WARC record's,
//	           else Options.Published
//	Language   the page's declared language, else the feed's, else
//	           detected from the text (left empty when detection is not
//	           confident, as for a few words)
func (g *gatherer) extract(j *job) {
	page, err := htmltext.ExtractPage(j.page, j.url)
	if err != nil {
		g.report(j.origin, withURL(j.url, err))
		return
	}
	if page.Flat {
		g.warn(&Error{Origin: j.origin, Err: withURL(j.url, errors.New(htmltext.FlatWarning))})
	}
	d, declared := page.Doc, page.DeclaredLanguage
	if d.URL == "" || isSiteRoot(d.URL) && !isSiteRoot(j.url) {
		// No canonical URL, or one naming the home page (a common
		// misconfiguration that would make every article one
		// document): the URL the page was read from is the best name.
		d.URL = j.url
	}
	d.URL = dropFragment(d.URL)
	d.ID = firstNonEmpty(d.URL, j.hint.id, j.origin)
	d.Title = firstNonEmpty(d.Title, j.hint.title)
	if d.Publisher == "" {
		d.Publisher = host(d.URL)
	}
	d.Published = firstNonEmpty(d.Published, j.hint.published, g.opts.Published)
	d.Language = firstNonEmpty(declared, j.hint.language, detectLanguage(d.Text))
	g.emit(j, Item{Doc: d, Origin: j.origin, SourceURL: j.sourceURL})
}

// isSiteRoot says whether u is a site's home page ("https://x.example/").
func isSiteRoot(u string) bool {
	p, err := url.Parse(u)
	return err == nil && p.Host != "" && (p.Path == "" || p.Path == "/") && p.RawQuery == ""
}

// dropFragment removes "#..." from a URL: it names a place in the page,
// not another page.
func dropFragment(u string) string {
	if i := strings.IndexByte(u, '#'); i >= 0 && isURL(u) {
		return u[:i]
	}
	return u
}

func withURL(u string, err error) error {
	if u == "" {
		return err
	}
	return fmt.Errorf("%s: %w", u, err)
}

// readFile reads a text, HTML or JSONL file with document.Read and fills
// in what it leaves open: an HTML file's canonical URL becomes its ID
// (unless Options.FileIDs: so that a saved page and the same page fetched
// are one document), and the language is detected.
func (g *gatherer) readFile(j *job) {
	opts := document.Options{
		Published: g.opts.Published,
		Stdin:     j.stdin,
		Warn:      func(err error) { g.warn(&Error{Origin: j.origin, Err: err}) },
	}
	err := document.Read(j.path, opts, func(d claim.Document) {
		if g.ctx.Err() != nil {
			return
		}
		if !g.opts.FileIDs && d.ID == j.path && isURL(d.URL) && !isSiteRoot(d.URL) {
			d.URL = dropFragment(d.URL)
			d.ID = d.URL // a page that names its URL
		}
		// document.Read's HTML language is go-trafilatura's guess, made
		// on any text; a confident detection wins over it.
		d.Language = firstNonEmpty(detectLanguage(d.Text), d.Language)
		g.emit(j, Item{Doc: d, Origin: j.origin})
	}, func(err error) { g.report(j.origin, err) })
	if err != nil {
		g.report(j.origin, err)
	}
}

func (g *gatherer) emit(j *job, it Item) {
	if g.ctx.Err() == nil {
		it.Job, it.Index = j.seq, j.emitted
		j.emitted++
		g.fn(it)
	}
}

// wrapContent makes a page of a feed item's article HTML, with the item's
// metadata where an article page has it, so that extraction reads both
// the same way.
func wrapContent(it feed.Item, link string, h hints) []byte {
	var b bytes.Buffer
	b.WriteString("<!doctype html><html")
	if h.language != "" {
		fmt.Fprintf(&b, ` lang="%s"`, html.EscapeString(h.language))
	}
	b.WriteString("><head><meta charset=\"utf-8\">")
	fmt.Fprintf(&b, "<title>%s</title>", html.EscapeString(it.Title))
	if link != "" {
		fmt.Fprintf(&b, `<link rel="canonical" href="%s">`, html.EscapeString(link))
	}
	if !it.Published.IsZero() {
		fmt.Fprintf(&b, `<meta property="article:published_time" content="%s">`, it.Published.Format(time.RFC3339))
	}
	if it.Author != "" {
		fmt.Fprintf(&b, `<meta name="author" content="%s">`, html.EscapeString(it.Author))
	}
	b.WriteString("</head><body><article>")
	b.WriteString(it.Content)
	b.WriteString("</article></body></html>")
	return b.Bytes()
}

// detectLanguage is the ISO 639-1 code of text's language, or "" when the
// detector is not confident enough (a few words, mixed text).
//
// English prose, most of what tally reads, is recognised by its function
// words ("the", "of", "said" ...) in a few microseconds; anything else goes
// to whatlanggo, which compares trigram profiles of some 80 languages
// (about 0.4 ms a document: it would be the slowest step of text ingest).
// whatlanggo's own "reliable" mark (confidence over 0.8) misses most
// one-sentence items, so 0.3 is enough here; below that a text in Latin
// script is left unknown (it may well be English, and callers extract
// unknown-language text), while one in another script gets the
// detector's best guess: it is not English either way. The first 4 KB
// are plenty and keep it fast on long documents.
func detectLanguage(text string) string {
	if len(text) > 4096 {
		cut := 4096
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	if looksEnglish(text) {
		return "en"
	}
	info := whatlanggo.Detect(text)
	if info.Script == nil {
		return ""
	}
	if info.Confidence >= 0.3 || info.Script != unicode.Latin {
		return info.Lang.Iso6391()
	}
	return ""
}

// englishWords are frequent English function words that are not also
// common words of other Latin-script languages ("a", "in", "is", "on",
// "was" are left out for Spanish, German, Dutch, French).
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "said": true, "for": true, "that": true, "with": true,
	"by": true, "from": true, "has": true, "have": true, "were": true, "are": true, "this": true, "which": true,
	"after": true, "their": true, "it": true, "at": true, "be": true, "been": true, "who": true, "its": true,
	"they": true, "had": true, "but": true, "not": true, "would": true, "will": true,
}

// looksEnglish: at least 12 words, at least one in six of them an English
// function word. English news prose runs at one in four or more; other
// languages stay near zero.
func looksEnglish(text string) bool {
	words, hits := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if utf8.RuneCountInString(w) > 12 {
			words++
			continue
		}
		words++
		if englishWords[strings.ToLower(w)] {
			hits++
		}
	}
	return words >= 12 && hits*6 >= words
}

func host(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
