// Package feed reads RSS, Atom and JSON Feed documents into the items tally
// ingests: each item's link, title, date, author and, when the feed
// carries the whole article, its content.
//
// Parsing is github.com/mmcdole/gofeed's: it reads the three formats and
// their common extensions (content:encoded, dc:creator, dc:date) into one
// model, and is the most used Go feed library. This package adds the size
// limit, the errors and the one decision gofeed leaves open: whether an
// item's content is the article or only a teaser (FullContent).
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// MaxBytes caps a feed: a larger one is refused rather than parsed (busy
// news feeds are well under 1 MB; 20 MB is a mistake or an attack).
const MaxBytes = 20 << 20

// Feed is a parsed feed.
type Feed struct {
	Title    string
	Link     string // the site's home page, as the feed gives it
	Language string // the feed's declared language ("en", "en-us"), as given
	Type     string // "rss", "atom" or "json"
	Items    []Item
}

// Item is one feed entry.
type Item struct {
	Link      string    // the article's URL, as the feed gives it (may be relative)
	GUID      string    // the item's id, when it has one
	Title     string    // plain text
	Published time.Time // published, else updated; zero if the item has no date
	Author    string    // the first author's name
	// Content is the item's HTML when it is the whole article (see
	// FullContent); "" when the feed only carries a teaser, and the
	// article must be fetched from Link.
	Content string
	Summary string // the item's description or summary, as plain text
}

// ErrNotFeed is returned by Parse for input that is not RSS, Atom or JSON
// Feed at all (a web page, a sitemap, an empty file).
var ErrNotFeed = errors.New("not an RSS, Atom or JSON feed")

// ErrTooLarge is returned by Parse for input larger than MaxBytes.
var ErrTooLarge = fmt.Errorf("feed larger than %d MiB", MaxBytes>>20)

// Sniff says whether body starts like a feed: an XML document whose root
// element is <rss>, <feed> or <rdf:RDF>, or a JSON object that names the
// JSON Feed version. Only the first 64 KiB are looked at.
func Sniff(body []byte) bool {
	head := body
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(head) == 0 {
		return false
	}
	switch head[0] {
	case '<':
		t := gofeed.DetectFeedType(bytes.NewReader(head))
		return t == gofeed.FeedTypeRSS || t == gofeed.FeedTypeAtom
	case '{':
		// Any JSON object would do for gofeed; a JSON Feed must say so.
		return bytes.Contains(head, []byte("jsonfeed.org/version"))
	}
	return false
}

// Parse reads a feed. Input that is not a feed is ErrNotFeed; a feed that
// does not parse is an error saying which format and where; a feed over
// MaxBytes is ErrTooLarge. The error does not name the input: the caller
// knows it.
func Parse(r io.Reader) (f *Feed, err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read feed: %w", err)
	}
	if len(data) > MaxBytes {
		return nil, ErrTooLarge
	}
	if !Sniff(data) {
		return nil, ErrNotFeed
	}
	// A third-party parser meeting hostile input must cost one feed, not
	// the run.
	defer func() {
		if p := recover(); p != nil {
			f, err = nil, fmt.Errorf("malformed feed: parser failed: %v", p)
		}
	}()
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			return nil, ErrNotFeed
		}
		return nil, fmt.Errorf("malformed %s feed: %v", kind(data), err)
	}
	return convert(gf), nil
}

func kind(data []byte) string {
	switch gofeed.DetectFeedType(bytes.NewReader(data)) {
	case gofeed.FeedTypeRSS:
		return "RSS"
	case gofeed.FeedTypeAtom:
		return "Atom"
	case gofeed.FeedTypeJSON:
		return "JSON"
	}
	return ""
}

func convert(gf *gofeed.Feed) *Feed {
	f := &Feed{
		Title:    collapse(plainText(gf.Title)),
		Link:     strings.TrimSpace(gf.Link),
		Language: strings.TrimSpace(gf.Language),
		Type:     gf.FeedType,
		Items:    make([]Item, 0, len(gf.Items)),
	}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := Item{
			Link:    strings.TrimSpace(gi.Link),
			GUID:    strings.TrimSpace(gi.GUID),
			Title:   collapse(plainText(gi.Title)),
			Summary: collapse(plainText(gi.Description)),
			Content: FullContent(gi.Content, gi.Description),
		}
		if it.Link == "" && len(gi.Links) > 0 {
			it.Link = strings.TrimSpace(gi.Links[0])
		}
		if it.Link == "" && looksLikeURL(it.GUID) {
			// RSS guid isPermaLink="true" (the default) is the article URL.
			it.Link = it.GUID
		}
		switch {
		case gi.PublishedParsed != nil:
			it.Published = *gi.PublishedParsed
		case gi.UpdatedParsed != nil:
			it.Published = *gi.UpdatedParsed
		}
		for _, a := range gi.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				it.Author = collapse(a.Name)
				break
			}
		}
		f.Items = append(f.Items, it)
	}
	return f
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
