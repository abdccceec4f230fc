// Package document reads tally's inputs — plain text, HTML pages, JSON
// Lines files of articles, standard input — into claim.Document values.
//
// The format is chosen by extension (document.go), a ".gz" after it aside:
// gzipped files are decompressed as they are read, told by their first
// bytes. Each format has its own file (text.go, html.go, jsonl.go). Every problem with an input becomes one
// *Error naming the input (and the line, for JSONL), what is wrong and what
// to do about it, so that `tally extract` can print one line and go on with
// the next input (DESIGN.md, "Bad input").
//
// Document.Text is the input's own text for plain text and JSONL, so figure
// offsets point into what the user gave; page furniture is dropped later,
// by the extractor through furniture.Keep. For HTML it is the article text
// htmltext extracts (there is no plain text to point into).
package document

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"

	"github.com/tally-news/tally/internal/claim"
)

// Options control reading.
type Options struct {
	// Published (YYYY-MM-DD) is the publication date given to documents
	// that carry none; "on Monday" resolves against it.
	Published string
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// Warn, when set, is told about a document that was read, but less
	// well than usual (an HTML page too deeply nested for the parser,
	// whose text was pulled without its layout). It is not a failure.
	Warn func(error)
}

// StdinName names standard input in messages and is the ID of a text or
// HTML document read from it.
const StdinName = "stdin"

// MaxDocumentBytes caps one text or HTML document and one JSONL line: a
// larger one is refused rather than read into memory (a 2 GB "article" is
// a mistake or an attack, not news).
const MaxDocumentBytes = 64 << 20

// Error is a problem with one input, or with one line of a JSONL input.
type Error struct {
	Path   string // the input as named by the user; StdinName for "-"
	Line   int    // 1-based JSONL line; 0 when the problem is the whole input
	Reason string // what is wrong
	Hint   string // what to do about it; may be empty
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(e.Line))
	}
	b.WriteString(": ")
	b.WriteString(e.Reason)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// formats maps a lowercase file extension to its reader.
var formats = map[string]func(r *input, opts Options, fn func(claim.Document), bad func(error)) error{
	".txt":    readText,
	".text":   readText,
	".html":   readHTML,
	".htm":    readHTML,
	".xhtml":  readHTML,
	".jsonl":  readJSONL,
	".ndjson": readJSONL,
}

// knownExtensions is the list error messages give.
const knownExtensions = ".txt, .html, .htm, .jsonl, each also gzipped (.txt.gz ...), or - for standard input"

// Read calls fn for each document in the input named by path. A problem with one
// line of a JSONL file is reported through bad and reading goes on; a problem with
// the whole input is returned.
//
// path "-" is standard input, sniffed: JSON Lines if its first non-space
// character is "{", HTML if it starts like a page, else plain text. A file
// with no extension is sniffed the same way. "docs.jsonl.gz" is JSON Lines,
// gzipped.
func Read(path string, opts Options, fn func(claim.Document), bad func(error)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &Error{Path: displayName(path), Reason: fmt.Sprintf("internal error: %v", p), Hint: "please report this input"}
		}
	}()
	if opts.Published != "" {
		if _, err := time.Parse("2006-01-02", opts.Published); err != nil {
			return fmt.Errorf("bad publication date %q: want YYYY-MM-DD", opts.Published)
		}
	}
	if path == "-" {
		stdin := opts.Stdin
		if stdin == nil {
			stdin = os.Stdin
		}
		in := &input{name: StdinName, r: bufio.NewReaderSize(stdin, 64<<10)}
		return sniff(in)(in, opts, fn, bad)
	}

	ext := Ext(path)
	read, known := formats[ext]
	if !known && ext != "" {
		return &Error{Path: path, Reason: fmt.Sprintf("unknown extension %q", ext), Hint: "tally reads " + knownExtensions}
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return &Error{Path: path, Reason: "is a directory", Hint: "name the files in it, e.g. " + filepath.Join(path, "*.jsonl")}
	}
	f, err := Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	in := &input{name: path, r: bufio.NewReaderSize(f, 64<<10)}
	if !known {
		read = sniff(in)
	}
	return read(in, opts, fn, bad)
}

// Ext is the lowercase extension that says a file's format, a ".gz"
// after it left out: ".jsonl" for "docs.jsonl.gz", "" for "notes.gz".
func Ext(path string) string {
	lower := strings.ToLower(path)
	if strings.HasSuffix(lower, ".gz") {
		lower = lower[:len(lower)-3]
	}
	return filepath.Ext(lower)
}

// Open opens a file for reading, decompressing it when it is gzipped
// (told by its first bytes, whatever its name: "docs.jsonl.gz", or a
// gzipped file saved without the suffix). Errors are *Error values.
// Decompressed bytes are not capped here: the readers cap what they keep.
func Open(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(path, err)
	}
	br := bufio.NewReaderSize(f, 64<<10)
	if head, _ := br.Peek(2); !bytes.Equal(head, gzipMagic) {
		return readCloser{br, f}, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		f.Close()
		return nil, &Error{Path: path, Reason: fmt.Sprintf("bad gzip data: %v", err), Hint: "is the file complete? try gzip -t"}
	}
	return readCloser{gzipErrors{zr, path}, f}, nil
}

var gzipMagic = []byte{0x1f, 0x8b}

type readCloser struct {
	io.Reader
	io.Closer
}

// gzipErrors names the problem when a gzipped file breaks off or is
// corrupt half-way ("unexpected EOF" alone says little).
type gzipErrors struct {
	r    *gzip.Reader
	path string
}

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("bad gzip data: %v (is the file complete? try gzip -t)", err)
	}
	return n, err
}

// input is an open input with its name for messages.
type input struct {
	name string
	r    *bufio.Reader
}

func (in *input) errorf(line int, hint, format string, args ...any) *Error {
	return &Error{Path: in.name, Line: line, Reason: fmt.Sprintf(format, args...), Hint: hint}
}

// readAll reads a whole single-document input, refusing empty, binary and
// oversized ones.
func (in *input) readAll() ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(in.r, MaxDocumentBytes+1))
	if err != nil {
		return nil, in.errorf(0, "", "cannot read: %v", unwrapPath(err))
	}
	if len(data) > MaxDocumentBytes {
		return nil, in.errorf(0, "split it into smaller documents", "larger than %d MB", MaxDocumentBytes>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, in.errorf(0, "", "empty file")
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, in.errorf(0, "tally reads "+knownExtensions, "binary file (NUL bytes), not text")
	}
	return data, nil
}

// sniff picks a reader for an input of unknown format from its first bytes.
func sniff(in *input) func(*input, Options, func(claim.Document), func(error)) error {
	head, _ := in.r.Peek(1024)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, utf8BOM), " \t\r\n")
	switch {
	case len(head) > 0 && head[0] == '{':
		return readJSONL
	case looksLikeHTML(head):
		return readHTML
	}
	return readText
}

var utf8BOM = []byte("\xEF\xBB\xBF")

// looksLikeHTML: a doctype, a comment or one of the tags a page starts with.
func looksLikeHTML(head []byte) bool {
	if len(head) == 0 || head[0] != '<' {
		return false
	}
	lc := bytes.ToLower(head)
	if bytes.Contains(lc, []byte("<html")) {
		return true
	}
	for _, p := range []string{"<!doctype html", "<head", "<body", "<!--", "<meta", "<title", "<div", "<p>", "<p ", "<article"} {
		if bytes.HasPrefix(lc, []byte(p)) {
			return true
		}
	}
	return false
}

func openError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Path: path, Reason: "no such file", Hint: "check the path"}
	case errors.Is(err, fs.ErrPermission):
		return &Error{Path: path, Reason: "permission denied"}
	}
	return &Error{Path: path, Reason: fmt.Sprintf("cannot open: %v", unwrapPath(err))}
}

// unwrapPath drops the *PathError wrapper, whose path the message already
// names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func displayName(path string) string {
	if path == "-" {
		return StdinName
	}
	return path
}
