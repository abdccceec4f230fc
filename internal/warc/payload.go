package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strings"

	gowarc "github.com/nlnwa/gowarc/v3"
)

// payload returns the page a record holds. ok is false for records that
// are not HTML pages (skipped silently); reason is set when the record is
// an HTML page that cannot be used.
func (r *Reader) payload(wr gowarc.WarcRecord) (page Record, ok bool, reason string) {
	var (
		body        io.Reader
		contentType string
		header      http.Header
	)
	switch b := wr.Block().(type) {
	case gowarc.HttpResponseBlock:
		if code := b.HttpStatusCode(); code < 200 || code > 299 {
			return Record{}, false, "" // redirects, errors, 304s: not pages
		}
		if h := b.HttpHeader(); h != nil {
			header = h.Clone()
		} else {
			header = http.Header{}
		}
		// net/http moves Transfer-Encoding out of the parsed header;
		// the raw header still has it.
		header["Transfer-Encoding"] = rawHeaderValues(b.ProtocolHeaderBytes(), "transfer-encoding")
		contentType = header.Get("Content-Type")
		p, err := b.PayloadBytes()
		if err != nil {
			return Record{}, false, "cannot read HTTP body: " + err.Error()
		}
		body = p
	case gowarc.HttpRequestBlock:
		return Record{}, false, ""
	default:
		// A resource record (or a response that is not HTTP) carries the
		// document itself; its type is the record's Content-Type.
		contentType = wr.WarcHeader().Get(gowarc.ContentType)
		if strings.HasPrefix(strings.ToLower(contentType), "application/http") {
			return Record{}, false, "" // an HTTP block the library could not parse
		}
		p, err := b.RawBytes()
		if err != nil {
			return Record{}, false, "cannot read block: " + err.Error()
		}
		body = p
	}
	if contentType != "" && !isHTML(contentType) {
		return Record{}, false, ""
	}

	decoded, err := decode(body, header)
	if err != nil {
		return Record{}, false, err.Error()
	}
	data, err := io.ReadAll(io.LimitReader(decoded, r.opts.MaxBody+1))
	if err != nil {
		return Record{}, false, "cannot decode HTTP body: " + err.Error()
	}
	if int64(len(data)) > r.opts.MaxBody {
		return Record{}, false, fmt.Sprintf("HTML body larger than %s; skipped", formatBytes(r.opts.MaxBody))
	}
	if contentType == "" {
		contentType = http.DetectContentType(data)
		if !isHTML(contentType) {
			return Record{}, false, ""
		}
	}
	return Record{ContentType: contentType, Body: data}, true, ""
}

// isHTML says whether a Content-Type is an HTML page.
func isHTML(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decode undoes the transfer and content codings the HTTP header names.
// Archives differ: some keep the bytes as sent, others store them decoded
// but keep the header (Common Crawl renames it, others do not), so each
// coding is undone only when the bytes look like it.
func decode(body io.Reader, header http.Header) (io.Reader, error) {
	br := bufio.NewReader(body)
	var r io.Reader = br
	if hasToken(header.Values("Transfer-Encoding"), "chunked") && looksChunked(br) {
		r = bufio.NewReader(httputil.NewChunkedReader(br))
	}
	for _, coding := range codings(header.Values("Content-Encoding")) {
		pr, ok := r.(*bufio.Reader)
		if !ok {
			pr = bufio.NewReader(r)
		}
		head, _ := pr.Peek(2)
		switch coding {
		case "identity":
			r = pr
		case "gzip", "x-gzip":
			if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
				r = pr // stored decoded
				continue
			}
			zr, err := gzip.NewReader(pr)
			if err != nil {
				return nil, fmt.Errorf("cannot decode gzip body: %v", err)
			}
			r = zr
		case "deflate":
			if len(head) == 2 && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
				zr, err := zlib.NewReader(pr)
				if err != nil {
					return nil, fmt.Errorf("cannot decode deflate body: %v", err)
				}
				r = zr
			} else if looksLikeText(pr) {
				r = pr // stored decoded
			} else {
				r = flate.NewReader(pr) // raw deflate, as some servers send
			}
		default:
			if looksLikeText(pr) {
				r = pr // stored decoded
				continue
			}
			return nil, fmt.Errorf("body is encoded with %q, which tally cannot decode", coding)
		}
	}
	return r, nil
}

// rawHeaderValues returns the values of the header field name (lower case)
// in a raw HTTP header block.
func rawHeaderValues(raw []byte, name string) []string {
	var out []string
	for _, line := range bytes.Split(raw, []byte("\n")) {
		k, v, ok := bytes.Cut(line, []byte(":"))
		if ok && strings.EqualFold(string(bytes.TrimSpace(k)), name) {
			out = append(out, string(bytes.TrimSpace(v)))
		}
	}
	return out
}

// codings lists the Content-Encoding values in the order to undo them (the
// last applied first).
func codings(values []string) []string {
	var out []string
	for _, v := range values {
		for _, c := range strings.Split(v, ",") {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
				out = append(out, c)
			}
		}
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func hasToken(values []string, token string) bool {
	for _, v := range values {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

// looksChunked says whether the body starts with a chunk-size line.
func looksChunked(br *bufio.Reader) bool {
	head, _ := br.Peek(32)
	i := bytes.IndexByte(head, '\n')
	if i <= 0 {
		return false
	}
	line := bytes.TrimRight(head[:i], "\r")
	if j := bytes.IndexByte(line, ';'); j >= 0 {
		line = line[:j]
	}
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return false
	}
	for _, c := range line {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// looksLikeText says whether the body starts like markup or text rather
// than compressed bytes.
func looksLikeText(br *bufio.Reader) bool {
	head, _ := br.Peek(512)
	head = bytes.TrimLeft(head, " \t\r\n\xEF\xBB\xBF")
	return len(head) == 0 || head[0] == '<'
}

func formatBytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
