package htmltext

import (
	"strings"

	"golang.org/x/net/html"
)

// DeclaredLanguage returns the ISO 639-1 code of the language a parsed page
// says it is in — <html lang> (or xml:lang), else <meta
// http-equiv="content-language">, else og:locale — or "" when it says
// nothing usable. "en-GB", "en_US" and "EN" are all "en".
//
// Document.Language from ExtractNode is go-trafilatura's guess from the
// text, made however short the text; a page's own declaration is what a
// reader of the page was told, so callers that need the language prefer
// it, and call this before ExtractNode (which prunes the tree).
func DeclaredLanguage(doc *html.Node) string {
	root := doc
	if root != nil && root.Type == html.DocumentNode {
		root = child(root, "html")
	}
	if root == nil {
		return ""
	}
	for _, a := range root.Attr {
		if a.Key == "lang" || a.Key == "xml:lang" {
			if l := LanguageCode(a.Val); l != "" {
				return l
			}
		}
	}
	head := child(root, "head")
	if head == nil {
		return ""
	}
	var contentLanguage, ogLocale string
	for n := head.FirstChild; n != nil; n = n.NextSibling {
		if n.Type != html.ElementNode || n.Data != "meta" {
			continue
		}
		switch {
		case strings.EqualFold(attr(n, "http-equiv"), "content-language"):
			// "de, en" names several; the first is the main one.
			first, _, _ := strings.Cut(attr(n, "content"), ",")
			if contentLanguage == "" {
				contentLanguage = LanguageCode(first)
			}
		case attr(n, "property") == "og:locale":
			if ogLocale == "" {
				ogLocale = LanguageCode(attr(n, "content"))
			}
		}
	}
	if contentLanguage != "" {
		return contentLanguage
	}
	return ogLocale
}

// LanguageCode is the lower-case two-letter (ISO 639-1) primary subtag of
// a BCP 47 tag or POSIX locale ("en-GB", "en_US", "EN" are "en"); "" for
// anything else ("und", "x-default", "zxx", "fil").
func LanguageCode(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 {
		return ""
	}
	tag = strings.ToLower(tag)
	if tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

func child(n *html.Node, name string) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == name {
			return c
		}
	}
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
