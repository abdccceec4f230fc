package document

import (
	"errors"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/htmltext"
)

// readHTML reads one HTML page as one document: its article text and
// metadata, through htmltext. Pages in legacy encodings are fine (htmltext
// decodes them), so there is no UTF-8 check here. A page too deep for the
// HTML parser is still read, without its layout, and Options.Warn is told.
func readHTML(in *input, opts Options, fn func(claim.Document), _ func(error)) error {
	data, err := in.readAll()
	if err != nil {
		return err
	}
	page, err := htmltext.ExtractPage(data, "")
	if errors.Is(err, htmltext.ErrNoArticle) {
		return in.errorf(0, "is it an article page? tally needs the page's text", "no article text found in the page")
	} else if err != nil {
		return in.errorf(0, "", "%v", err)
	}
	if page.Flat && opts.Warn != nil {
		opts.Warn(in.errorf(0, "", "%s", htmltext.FlatWarning))
	}
	doc := page.Doc
	doc.ID = in.name
	if doc.Published == "" {
		doc.Published = opts.Published
	}
	fn(doc)
	return nil
}
