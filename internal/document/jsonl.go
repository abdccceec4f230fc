package document

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/claim"
)

// record is one JSONL line, as shared/corpus/dev/docs.jsonl writes them:
//
//	{"id": "seed", "url": null, "publisher": "The Moscow Times", "published": "2024-12-23", "text": "..."}
//
// Every field but text may be missing or null; other fields are ignored.
type record struct {
	ID        json.RawMessage `json:"id"` // a string, or a number
	URL       *string         `json:"url"`
	Title     *string         `json:"title"`
	Publisher *string         `json:"publisher"`
	Published *string         `json:"published"`
	Language  *string         `json:"language"`
	Text      *string         `json:"text"`
}

const skipped = "line skipped"

// readJSONL streams a JSON Lines input, one document a line. Lines are
// read whole however long they are (an article can be megabytes), up to
// MaxDocumentBytes.
func readJSONL(in *input, opts Options, fn func(claim.Document), bad func(error)) error {
	var (
		lineNo  int
		seen    bool // a non-blank line has been read
		buf     []byte
		tooLong bool
	)
	for {
		chunk, err := in.r.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxDocumentBytes {
			tooLong = true // keep reading to the end of the line, keep nothing
		} else if !tooLong {
			buf = append(buf, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue // the line goes on
		}
		if err != nil && err != io.EOF {
			return in.errorf(lineNo+1, "", "cannot read: %v", unwrapPath(err))
		}
		atEOF := err == io.EOF
		if len(buf) > 0 || tooLong || !atEOF {
			lineNo++
			line := bytes.TrimRight(buf, "\r\n")
			if lineNo == 1 {
				line = bytes.TrimPrefix(line, utf8BOM)
			}
			switch {
			case tooLong:
				bad(in.errorf(lineNo, skipped, "line longer than %d MB", MaxDocumentBytes>>20))
				seen = true
			case len(bytes.TrimSpace(line)) == 0:
				// blank lines between records are harmless
			case !seen:
				seen = true
				if err := checkFirstLine(in, line); err != nil {
					return err
				}
				readRecord(in, lineNo, line, opts, fn, bad)
			default:
				readRecord(in, lineNo, line, opts, fn, bad)
			}
		}
		buf, tooLong = buf[:0], false
		if atEOF {
			break
		}
	}
	if !seen {
		return in.errorf(0, "", "empty file")
	}
	return nil
}

// checkFirstLine turns away inputs that are not JSON Lines at all, with
// one message instead of one per line.
func checkFirstLine(in *input, line []byte) error {
	if bytes.IndexByte(line, 0) >= 0 {
		return in.errorf(0, "tally reads "+knownExtensions, "binary file (NUL bytes), not JSON Lines")
	}
	if t := bytes.TrimSpace(line); t[0] != '{' {
		return in.errorf(0, `each line must be one JSON object like {"id": "a1", "text": "..."}`,
			"not JSON Lines: line 1 does not start with \"{\"")
	}
	return nil
}

// readRecord decodes one line and hands its document to fn, or its problem
// to bad.
func readRecord(in *input, lineNo int, line []byte, opts Options, fn func(claim.Document), bad func(error)) {
	if !utf8.Valid(line) {
		bad(in.errorf(lineNo, skipped, "invalid UTF-8 at byte %d of the line", invalidAt(line)))
		return
	}
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		bad(in.errorf(lineNo, skipped, "bad JSON: %s", jsonProblem(err)))
		return
	}
	if rec.Text == nil {
		bad(in.errorf(lineNo, skipped, `no "text" field`))
		return
	}
	if strings.TrimSpace(*rec.Text) == "" {
		bad(in.errorf(lineNo, skipped, `empty "text"`))
		return
	}
	doc := claim.Document{
		ID:        recordID(rec.ID),
		URL:       deref(rec.URL),
		Title:     deref(rec.Title),
		Publisher: deref(rec.Publisher),
		Language:  deref(rec.Language),
		Published: opts.Published,
		Text:      *rec.Text,
	}
	if doc.ID == "" {
		doc.ID = fmt.Sprintf("%s:%d", in.name, lineNo)
	}
	if p := deref(rec.Published); p != "" {
		if d, ok := normalizeDate(p); ok {
			doc.Published = d
		} else {
			// The document is still good; only its date is not.
			bad(in.errorf(lineNo, "date ignored", `bad "published" %q: want YYYY-MM-DD`, p))
		}
	}
	fn(doc)
}

// recordID accepts "id": "a1" and "id": 17.
func recordID(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw) // a number (or other literal), as written
}

// normalizeDate accepts YYYY-MM-DD and timestamps that start with it
// ("2024-12-23T10:00:00Z", "2024-12-23 10:00").
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || len(s) > 10 && s[10] != 'T' && s[10] != ' ' {
		return "", false
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return "", false
	}
	return s[:10], true
}

// jsonProblem words a decoding error for a person: which field has the
// wrong type, or where the syntax breaks.
func jsonProblem(err error) string {
	var te *json.UnmarshalTypeError
	var se *json.SyntaxError
	switch {
	case errors.As(err, &te) && te.Field != "":
		return fmt.Sprintf("%q must be a string, not %s", te.Field, te.Value)
	case errors.As(err, &te):
		return fmt.Sprintf("a line must be a JSON object, not %s", te.Value)
	case errors.As(err, &se):
		return fmt.Sprintf("%s (at byte %d)", strings.TrimPrefix(se.Error(), "json: "), se.Offset)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
