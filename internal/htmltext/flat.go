package htmltext

import (
	"errors"
	"io"
	nurl "net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/furniture"
)

// ErrTooDeep is returned by Parse (and so by Extract) for a page whose
// elements nest deeper than the HTML parser allows (512: golang.org/x/net/html
// refuses to build such a tree). ExtractFlat still reads its text.
var ErrTooDeep = errors.New("page nested deeper than the HTML parser's 512 elements")

// isTooDeep recognises the parser's own error, which has no variable to
// compare with: it is a recovered panic turned into an error.
func isTooDeep(err error) bool {
	return strings.Contains(err.Error(), "open stack of elements exceeds")
}

// flatSkipped are elements whose text is never article text. Script,
// style and the like hold code; nav, header, footer, aside and form hold
// site furniture, which the tree-based extractor also drops.
var flatSkipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Nav: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Head: true,
	atom.Math: true, atom.Object: true,
}

// ExtractFlat reads a page without building its tree: one pass of the HTML
// tokenizer, keeping the text outside script, style, navigation, header,
// footer, aside and form elements, a line for each block element, and
// taking the title, canonical URL, site name, publication date and
// language from the head. It is the fallback for pages the parser refuses
// (ErrTooDeep): there is no boilerplate detection beyond those elements,
// so the text may carry more furniture than Extract's (the furniture
// filter still runs). Encoding rules are Parse's.
func ExtractFlat(page []byte, pageURL string) (claim.Document, error) {
	z := html.NewTokenizer(decoded(page))
	var (
		w        textWriter
		skip     []atom.Atom // open skipped elements, innermost last
		inTitle  bool
		title    strings.Builder
		m        flatMeta
		sawTitle bool
	)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return claim.Document{}, z.Err()
			}
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			a := tok.DataAtom
			switch a {
			case atom.Html:
				m.language = firstNonEmpty(m.language, LanguageCode(tokenAttr(tok, "lang")), LanguageCode(tokenAttr(tok, "xml:lang")))
			case atom.Meta, atom.Link:
				m.read(tok)
			case atom.Title:
				inTitle = !sawTitle && tt == html.StartTagToken && !inside(skip, atom.Svg)
			}
			if len(skip) == 1 && skip[0] == atom.Head && !headElements[a] {
				skip = skip[:0] // a <head> left open ends at the body's first element
			}
			if tt == html.StartTagToken && flatSkipped[a] {
				skip = append(skip, a)
			} else if len(skip) == 0 {
				w.edge(tok.Data)
			}
		case html.EndTagToken:
			a := tok.DataAtom
			if a == atom.Title {
				inTitle, sawTitle = false, sawTitle || title.Len() > 0
			}
			if flatSkipped[a] {
				// Close the innermost open element of this name and what
				// was left open inside it.
				for i := len(skip) - 1; i >= 0; i-- {
					if skip[i] == a {
						skip = skip[:i]
						break
					}
				}
			} else if len(skip) == 0 {
				w.edge(tok.Data)
			}
		case html.TextToken:
			if inTitle {
				title.WriteString(tok.Data)
				continue
			}
			if len(skip) == 0 {
				w.text(tok.Data)
			}
		}
	}
	w.breakLine()

	text := furniture.Clean(norm.NFC.String(strings.ToValidUTF8(strings.Join(w.lines, "\n"), "\uFFFD")))
	// og:title is the headline alone; <title> often adds the site's name.
	t := collapseSpace(firstNonEmpty(m.ogTitle, title.String()))
	text = dropTitleLine(text, t)
	if text == "" {
		return claim.Document{}, ErrNoArticle
	}
	d := claim.Document{
		URL:       strings.ToValidUTF8(firstNonEmpty(m.canonical, m.ogURL, pageURL), ""),
		Title:     t,
		Publisher: collapseSpace(m.siteName),
		Language:  m.language,
		Published: m.published,
		Text:      text,
	}
	if d.Publisher == "" {
		if u, err := nurl.Parse(d.URL); err == nil {
			d.Publisher = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return d, nil
}

// edge marks where an element starts or ends in the text: a line break
// for a block, a space for a table cell.
func (w *textWriter) edge(name string) {
	if blockElements[name] {
		w.breakLine()
	} else if cellElements[name] {
		w.space = true
	}
}

// flatMeta is what ExtractFlat reads from <meta> and <link> elements.
type flatMeta struct {
	canonical, ogURL, ogTitle, siteName, published, language string
}

func (m *flatMeta) read(tok html.Token) {
	content := strings.TrimSpace(tokenAttr(tok, "content"))
	if tok.DataAtom == atom.Link {
		if strings.EqualFold(tokenAttr(tok, "rel"), "canonical") && m.canonical == "" {
			m.canonical = strings.TrimSpace(tokenAttr(tok, "href"))
		}
		return
	}
	key := strings.ToLower(firstNonEmpty(tokenAttr(tok, "property"), tokenAttr(tok, "name"), tokenAttr(tok, "itemprop"), tokenAttr(tok, "http-equiv")))
	switch key {
	case "og:url":
		m.ogURL = firstNonEmpty(m.ogURL, content)
	case "og:title":
		m.ogTitle = firstNonEmpty(m.ogTitle, content)
	case "og:site_name":
		m.siteName = firstNonEmpty(m.siteName, content)
	case "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "pubdate", "publishdate":
		if m.published == "" {
			m.published = isoDay(content)
		}
	case "content-language":
		first, _, _ := strings.Cut(content, ",")
		m.language = firstNonEmpty(m.language, LanguageCode(first))
	case "og:locale":
		m.language = firstNonEmpty(m.language, LanguageCode(content))
	}
}

// isoDay is the YYYY-MM-DD a date attribute starts with ("2025-03-14",
// "2025-03-14T08:00:00Z"), or "".
func isoDay(s string) string {
	if len(s) < 10 || len(s) > 10 && s[10] != 'T' && s[10] != ' ' {
		return ""
	}
	for i, c := range []byte(s[:10]) {
		if i == 4 || i == 7 {
			if c != '-' {
				return ""
			}
		} else if c < '0' || c > '9' {
			return ""
		}
	}
	if s[5:7] < "01" || s[5:7] > "12" || s[8:10] < "01" || s[8:10] > "31" {
		return ""
	}
	return s[:10]
}

func tokenAttr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func inside(open []atom.Atom, a atom.Atom) bool {
	for _, o := range open {
		if o == a {
			return true
		}
	}
	return false
}

// headElements are the ones a page's head holds; another start tag in
// an unclosed <head> is the body's.
var headElements = map[atom.Atom]bool{
	atom.Meta: true, atom.Link: true, atom.Title: true, atom.Script: true, atom.Style: true,
	atom.Base: true, atom.Noscript: true, atom.Template: true,
}

// Page is a page read by ExtractPage.
type Page struct {
	Doc claim.Document
	// DeclaredLanguage is the language the page declares (see
	// DeclaredLanguage), "" when it declares none.
	DeclaredLanguage string
	// Flat says the page was too deep for the HTML parser and its text
	// was read by ExtractFlat: callers tell the user (a warning, not an
	// error).
	Flat bool
}

// ExtractPage reads a page with ExtractNode, or with ExtractFlat when it
// is too deep to parse; Doc.ID is left empty.
func ExtractPage(page []byte, pageURL string) (Page, error) {
	root, err := Parse(page)
	if errors.Is(err, ErrTooDeep) {
		d, err := ExtractFlat(page, pageURL)
		return Page{Doc: d, DeclaredLanguage: d.Language, Flat: true}, err
	}
	if err != nil {
		return Page{}, err
	}
	declared := DeclaredLanguage(root)
	d, err := ExtractNode(root, pageURL)
	return Page{Doc: d, DeclaredLanguage: declared}, err
}

// FlatWarning is the message for a page read by ExtractFlat.
const FlatWarning = "nested deeper than the HTML parser's 512 elements: text read without the page layout (site menus and boxes may be in it)"
