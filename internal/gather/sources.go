package gather

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/tally-news/tally/internal/document"
	"github.com/tally-news/tally/internal/feed"
	"github.com/tally-news/tally/internal/htmltext"
	"github.com/tally-news/tally/internal/warc"
)

// Kinds of file, by extension.
const (
	kindUnknown  = iota
	kindDocument // read by document.Read
	kindFeed
	kindWARC
	kindSniff // no extension: look at the bytes
)

// documentExtensions are the ones document.Read knows.
var documentExtensions = map[string]bool{
	".txt": true, ".text": true, ".html": true, ".htm": true, ".xhtml": true, ".jsonl": true, ".ndjson": true,
}

// feedExtensions may hold a feed; only the content says whether they do.
var feedExtensions = map[string]bool{".xml": true, ".rss": true, ".atom": true, ".json": true}

// readable is the list messages give for an unknown extension.
const readable = ".txt, .html, .htm, .jsonl, feeds (.xml, .rss, .atom, .json), .warc, .warc.gz, any of them gzipped (.txt.gz ...), folders and http(s) URLs"

// fileKind tells a file's kind by its name; a ".gz" after the name's own
// extension counts for nothing ("docs.jsonl.gz" is JSON Lines, "page.gz"
// is sniffed): document.Open decompresses whatever is gzipped.
func fileKind(path string) int {
	ext := document.Ext(path)
	switch {
	case ext == ".warc":
		return kindWARC
	case documentExtensions[ext]:
		return kindDocument
	case feedExtensions[ext]:
		return kindFeed
	case ext == "":
		return kindSniff
	}
	return kindUnknown
}

// source handles one SOURCE argument.
func (g *gatherer) source(src string) {
	defer g.guard(src)
	if s, ok := ParseWARCSlice(src); ok {
		g.warcSlice(s)
		return
	}
	if isURL(src) {
		if !g.skip(src) {
			g.toFetchers(fetchJob{origin: src, url: src})
		}
		return
	}
	if i := strings.Index(src, "://"); i > 0 && !strings.ContainsAny(src[:i], "/\\.") {
		g.report(src, fmt.Errorf("unsupported scheme %q: give a file, a folder or an http(s) URL", src[:i]))
		return
	}
	if src == "-" {
		// Standard input may be a list of URLs (`cat urls.txt | tally
		// ingest -`), else a document.
		stdin := g.opts.Stdin
		if stdin == nil {
			stdin = os.Stdin
		}
		br := bufio.NewReaderSize(stdin, maxSniff)
		head, _ := br.Peek(maxSniff)
		switch v, line, text := sniffURLList(head); v {
		case isURLList:
			g.urlList(document.StdinName, br)
		case brokenURLList:
			g.report(document.StdinName, fmt.Errorf("looks like a list of URLs, but line %d (%q) is not one; put one http(s) URL a line", line, cutText(text, 60)))
		default:
			g.toWorkers(job{origin: document.StdinName, path: "-", stdin: br})
		}
		return
	}
	st, err := os.Stat(src)
	if err != nil {
		g.report(src, statError(err))
		return
	}
	if st.IsDir() {
		g.folder(src)
		return
	}
	g.file(src, true)
}

func isURL(s string) bool {
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

func statError(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or folder; check the path (a web page needs its full http(s):// URL)")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot open: %v", err)
}

// folder walks dir in lexical order. Hidden files and folders (".git",
// ".DS_Store") are passed over; so, through Ignored, are files that are not
// inputs, which a folder of saved pages has plenty of.
func (g *gatherer) folder(dir string) {
	walkFiles(g.ctx, dir, func(path string) { g.file(path, false) }, g.report)
}

// walkFiles calls fn with each regular file (or symlink) under dir in
// lexical order, passing over hidden files and folders, and bad with
// each that cannot be walked, until ctx is done.
func walkFiles(ctx context.Context, dir string, fn func(path string), bad func(origin string, err error)) {
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return fs.SkipAll
		}
		if err != nil {
			bad(path, statError(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			return nil
		}
		fn(path)
		return nil
	})
	if err != nil {
		bad(dir, err)
	}
}

// file handles one file; direct says whether the user named it (then a
// file tally cannot read is an error) or a folder walk found it (then it
// is only ignored).
func (g *gatherer) file(path string, direct bool) {
	defer g.guard(path)
	kind := fileKind(path)
	if kind == kindSniff {
		kind = sniffFile(path)
	}
	switch kind {
	case kindDocument:
		if ext := document.Ext(path); (ext == ".txt" || ext == ".text" || ext == "") && g.textURLList(path) {
			return
		}
		g.toWorkers(job{origin: path, path: path})
	case kindFeed:
		g.feedFile(path, direct)
	case kindWARC:
		g.warcFile(path)
	default:
		if direct {
			g.report(path, fmt.Errorf("unknown extension %q; tally reads %s", document.Ext(path), readable))
		} else {
			g.ignore(path)
		}
	}
}

func (g *gatherer) ignore(path string) {
	if g.opts.Ignored != nil {
		g.opts.Ignored(path)
	}
}

// sniffFile picks the kind of a file without an extension from its first
// (decompressed) bytes: a feed, a WARC, or else whatever document.Read
// makes of it (it sniffs JSON Lines, HTML and text itself).
func sniffFile(path string) int {
	f, err := document.Open(path)
	if err != nil {
		return kindDocument // document.Read reports it
	}
	defer f.Close()
	head, _ := bufio.NewReaderSize(f, 64<<10).Peek(64 << 10)
	switch {
	case bytes.HasPrefix(head, []byte("WARC/")):
		return kindWARC
	case feed.Sniff(head):
		return kindFeed
	}
	return kindDocument
}

// feedFile reads a feed file and queues its items.
func (g *gatherer) feedFile(path string, direct bool) {
	f, err := document.Open(path)
	if err != nil {
		g.report(path, err)
		return
	}
	defer f.Close()
	parsed, err := feed.Parse(f)
	if errors.Is(err, feed.ErrNotFeed) && !direct {
		g.ignore(path) // a .json or .xml that is something else
		return
	}
	if err != nil {
		g.report(path, err)
		return
	}
	g.feedItems(path, nil, parsed)
}

// feedItems queues a feed's items: a worker extracts the ones that carry
// their article, a fetcher gets the others from their links. base (the
// feed's URL; nil for a feed file) resolves relative links.
func (g *gatherer) feedItems(origin string, base *url.URL, f *feed.Feed) {
	lang := htmltext.LanguageCode(f.Language)
	if base == nil {
		// A feed file's relative links are relative to the site the
		// feed names.
		if site, err := url.Parse(f.Link); err == nil && isURL(f.Link) {
			base = site
		}
	}
	for i, it := range f.Items {
		itemOrigin := fmt.Sprintf("%s item %d", origin, i+1)
		link := resolve(base, it.Link)
		if g.skip(link) {
			continue
		}
		h := hints{title: it.Title, language: lang}
		if !it.Published.IsZero() {
			h.published = it.Published.Format("2006-01-02")
		}
		switch {
		case it.Content != "":
			j := job{origin: itemOrigin, hint: h}
			if isURL(link) {
				j.url, j.sourceURL = link, link
			} else {
				h.id = it.GUID
				j.hint = h
				link = "" // a relative link that cannot be resolved names nothing
			}
			j.page = wrapContent(it, link, h)
			if !g.toWorkers(j) {
				return
			}
		case isURL(link):
			g.toFetchers(fetchJob{origin: itemOrigin, url: link, hint: h, article: true})
		case link != "":
			g.report(itemOrigin, fmt.Errorf("the feed carries only a teaser and its link %q is not an http(s) URL", link))
		default:
			g.report(itemOrigin, errors.New("the feed carries only a teaser and no link to the article"))
		}
	}
}

// resolve makes a feed item's link absolute against the feed's URL.
func resolve(base *url.URL, link string) string {
	if base == nil || link == "" {
		return link
	}
	u, err := base.Parse(link)
	if err != nil {
		return link
	}
	return u.String()
}

// warcFile streams a WARC's HTML pages to the workers.
func (g *gatherer) warcFile(path string) {
	r, err := warc.Open(path, warc.Options{MaxBody: g.client.Options().MaxBytes})
	if err != nil {
		g.report(path, err)
		return
	}
	g.warcRecords(path, r)
}

// warcRecords streams the HTML pages of r, a reader of path, to the
// workers, and closes r.
func (g *gatherer) warcRecords(path string, r *warc.Reader) {
	defer r.Close()
	for g.ctx.Err() == nil {
		rec, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			g.report(path, err)
			continue
		}
		if g.skip(rec.TargetURI) {
			continue
		}
		h := hints{}
		if !rec.Date.IsZero() {
			h.published = rec.Date.UTC().Format("2006-01-02")
		}
		if !g.toWorkers(job{origin: fmt.Sprintf("%s record %d", path, rec.Number), page: rec.Body, url: rec.TargetURI, sourceURL: rec.TargetURI, hint: h}) {
			return
		}
	}
}
