package document

import (
	"bytes"
	"unicode/utf8"

	"github.com/tally-news/tally/internal/claim"
)

// readText reads a plain-text input as one document whose ID is its path.
// Text is the file's text unchanged (a UTF-8 byte-order mark aside), so
// offsets point into the file.
func readText(in *input, opts Options, fn func(claim.Document), _ func(error)) error {
	data, err := in.readAll()
	if err != nil {
		return err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		return in.errorf(0, "convert it to UTF-8 first (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
			"invalid UTF-8 at byte %d", invalidAt(data))
	}
	fn(claim.Document{ID: in.name, Published: opts.Published, Text: string(data)})
	return nil
}

// invalidAt returns the offset of the first byte of data that is not valid
// UTF-8.
func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}
